import type { MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { previewOutputs } from "./preview";
import { UNKNOWN, type RecordedResource } from "./types";
import { engineUrn } from "./urn";

/** The mock answers, told the URN so that computed ids are stable per resource. */
export interface OfflineMocks extends Mocks {
  newResourceAt(args: MockResourceArgs, urn: string): { id: string; state: Record<string, unknown> };
}

type Callback = (err: unknown, response?: unknown) => void;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/* eslint-disable @typescript-eslint/no-explicit-any -- gRPC request objects are untyped in the SDK */

/**
 * Pulumi's MockMonitor, plus a record of every registration: parent, provider, inputs in wire
 * encoding, dependencies and property dependencies. `pulumi.runtime.setMocks` alone drops the
 * dependency information that policies need to relate resources.
 */
export class RecordingMonitor extends MockMonitor {
  private readonly records = new Map<string, Mutable<RecordedResource>>();
  private readonly order: string[] = [];
  /** Stack outputs, as registered on the root `pulumi:pulumi:Stack` resource. */
  stackOutputs: Record<string, unknown> = {};

  /**
   * `preview`: answer as the engine does in a first `pulumi preview`, where every resource is
   * being created: planned inputs known, computed outputs and ids unknown. Reads (StackReferences)
   * still return what they read.
   */
  constructor(
    private readonly offline: OfflineMocks,
    private readonly stack: string,
    private readonly project: string,
    private readonly preview = false,
  ) {
    super(offline);
  }

  recorded(): RecordedResource[] {
    return this.order.map((urn) => this.records.get(urn) as RecordedResource);
  }


  private async register(req: any, callback: Callback, read: boolean): Promise<void> {
    try {
      const type: string = req.getType();
      const name: string = req.getName();
      const parent: string = req.getParent();
      const urn = engineUrn(this.stack, this.project, parent, type, name);
      const wireInputs = (read ? req.getProperties() : req.getObject())?.toJavaScript() ?? {};
      const args: MockResourceArgs = {
        type,
        name,
        inputs: deserializeProperties(read ? req.getProperties() : req.getObject()),
        provider: req.getProvider(),
        custom: read ? true : req.getCustom(),
        // The engine sends an empty import id for an ordinary create; only a real one is an id.
        id: read ? req.getId() : req.getImportid() || undefined,
      };
      const result = this.offline.newResourceAt(args, urn);
      let state = await serializeProperties("", result.state);
      // Created resources, custom or remote components; a local component's outputs are the program's own.
      const created = !read && (args.custom === true || req.getRemote() === true);
      const unknownId = this.preview && created;
      if (unknownId) state = previewOutputs(wireInputs, state);
      const id = unknownId ? "" : (result.id ?? "");
      this.resources.set(urn, { urn, id: id || null, state });

      const propertyDependencies: Record<string, string[]> = {};
      if (!read) {
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
      }
      // The engine hands these to the provider as the Terraform resource's timeouts block.
      const timeouts = read ? undefined : req.getCustomtimeouts();
      const customTimeouts = timeouts ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } : undefined;
      this.records.set(urn, {
        urn,
        type,
        name,
        custom: args.custom ?? false,
        ...(parent ? { parent } : {}),
        ...(req.getProvider() ? { provider: req.getProvider() } : {}),
        ...(args.custom ? { id: unknownId ? UNKNOWN : result.id } : {}),
        inputs: wireInputs,
        outputs: state,
        dependencies: read ? [] : req.getDependenciesList(),
        propertyDependencies,
        ...(customTimeouts && Object.values(customTimeouts).some((t) => t !== "") ? { customTimeouts } : {}),
      });
      this.order.push(urn);

      const struct = structproto.Struct.fromJavaScript(state as Record<string, structproto.JavaScriptValue>);
      let response: resproto.ReadResourceResponse | resproto.RegisterResourceResponse;
      if (read) {
        response = new resproto.ReadResourceResponse().setUrn(urn).setProperties(struct);
      } else {
        response = new resproto.RegisterResourceResponse().setUrn(urn).setId(id).setObject(struct);
      }
      callback(null, response);
    } catch (err) {
      callback(err);
    }
  }

  override registerResource(req: any, callback: Callback): Promise<void> {
    return this.register(req, callback, false);
  }

  override readResource(req: any, callback: Callback): Promise<void> {
    return this.register(req, callback, true);
  }

  override registerResourceOutputs(req: any, callback: Callback): void {
    const urn: string = req.getUrn();
    const outputs = req.getOutputs()?.toJavaScript() ?? {};
    const record = this.records.get(urn);
    if (record !== undefined) {
      record.outputs = outputs;
      if (record.type === "pulumi:pulumi:Stack") this.stackOutputs = outputs;
    }
    super.registerResourceOutputs(req, callback);
  }
}
