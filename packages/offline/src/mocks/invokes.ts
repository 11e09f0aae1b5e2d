import type { MockCallArgs } from "@pulumi/pulumi/runtime";
import { PlatformError } from "@platform/wiring";
import { OFFLINE_ACCOUNT_ID, stableHex } from "./identity";

type InvokeMock = (inputs: Record<string, unknown>, region: string) => Record<string, unknown>;

/**
 * Answers for the data-source calls our stacks make, shaped like the provider's results. An
 * invoke without an answer fails loudly: a silent empty result would let a stack plan offline
 * with values it would never see in AWS.
 */
const INVOKES: Record<string, InvokeMock> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: OFFLINE_ACCOUNT_ID,
    accountId: OFFLINE_ACCOUNT_ID,
    arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/offline-plan`,
    userId: "AROAOFFLINEPLAN:offline",
  }),
  "aws:index/getRegion:getRegion": (_inputs, region) => ({
    id: region,
    name: region,
    region,
    endpoint: `ec2.${region}.amazonaws.com`,
    description: region,
  }),
  "aws:index/getPartition:getPartition": () => ({
    id: "aws",
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, region) => {
    const letters = ["a", "b", "c", "d", "e", "f"];
    return {
      id: region,
      names: letters.map((l) => `${region}${l}`),
      zoneIds: letters.map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      groupNames: [region],
      state: "available",
    };
  },
  "aws:ec2/getManagedPrefixList:getManagedPrefixList": (inputs, region) => {
    const name = String(inputs.name ?? "com.amazonaws.global.cloudfront.origin-facing");
    // AWS-managed prefix lists have a different id in each region.
    const id = `pl-${stableHex(`${region}/${name}`, 8)}`;
    return {
      id,
      name,
      arn: `arn:aws:ec2:${region}:aws:prefix-list/${id}`,
      addressFamily: "IPv4",
      maxEntries: 55,
      ownerId: "AWS",
      version: 1,
      entries: [],
      tags: {},
    };
  },
  "aws:route53/getZone:getZone": (inputs) => {
    const name = String(inputs.name ?? "example.com").replace(/\.$/, "");
    const zoneId = `Z${stableHex(name, 20).toUpperCase()}`;
    return {
      id: zoneId,
      zoneId,
      name,
      arn: `arn:aws:route53:::hostedzone/${zoneId}`,
      privateZone: inputs.privateZone ?? false,
      nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"],
      callerReference: "offline",
      resourceRecordSetCount: 2,
      tags: {},
    };
  },
};

export function answerInvoke(args: MockCallArgs, region: string): Record<string, unknown> {
  const mock = INVOKES[args.token];
  if (mock === undefined) {
    throw new PlatformError(
      `The offline plan has no answer for the data source ${args.token}. ` +
        `Add one to packages/offline/src/mocks/invokes.ts, or take the value from config.`,
    );
  }
  return { ...mock(args.inputs as Record<string, unknown>, region), ...stripUndefined(args.inputs as Record<string, unknown>) };
}

function stripUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
