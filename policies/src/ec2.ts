import { FSBP, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import type { StackResource, StackView } from "./lib/relations";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, at, bool, list, str, type Props } from "./lib/values";

/** EC2 compute: EBS encryption, public IPs, IMDSv2 on instances and launch templates. */

/** Block devices of an instance that are not encrypted (root and EBS; ephemeral stores are instance-store). */
export function unencryptedInstanceDevices(props: Props): string[] {
  const devices: { label: string; encrypted: unknown }[] = [];
  devices.push({ label: "rootBlockDevice", encrypted: at(props, "rootBlockDevice", "encrypted") });
  const ebs = list(props.ebsBlockDevices);
  if (ebs !== "unknown") ebs.forEach((d, i) => devices.push({ label: `ebsBlockDevices[${i}] ${String(asRecord(d)?.deviceName ?? "")}`.trim(), encrypted: at(d, "encrypted") }));
  return devices.filter((d) => bool(d.encrypted) === false || d.encrypted === undefined).map((d) => d.label);
}

/** Launch template EBS mappings not encrypted; the provider models `encrypted` as the strings "true"/"false". */
export function unencryptedTemplateDevices(props: Props): string[] {
  const mappings = list(props.blockDeviceMappings);
  if (mappings === "unknown") return [];
  return mappings.flatMap((m, i) => {
    const ebs = at(m, "ebs");
    if (ebs === undefined || ebs === null) return [];
    const enc = bool(at(ebs, "encrypted"));
    return enc === true || enc === "unknown" ? [] : [`blockDeviceMappings[${i}] ${String(asRecord(m)?.deviceName ?? "")}`.trim()];
  });
}

/**
 * Whether the stack turns on EBS encryption by default for the account and region: then every new
 * volume is encrypted whatever `encrypted` says (https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html).
 */
export function encryptedByDefault(stack: StackView): boolean {
  return stack.ofType(T.ebsEncryptionByDefault).some((r) => bool(r.props.enabled) !== false);
}

/** EC2.3 over one resource type: its unencrypted devices, unless encryption by default covers them. */
function ec2EncryptionFindings(stack: StackView, types: readonly string[], devices: (r: StackResource) => string[], fix: string): StackFinding[] {
  if (encryptedByDefault(stack)) return [];
  return stack.ofType(types).flatMap((r) => {
    const bad = devices(r);
    return bad.length === 0 ? [] : [{ urn: r.urn, message: finding(`${where(r.name, r.type)} ${bad.join(", ")}`, fix) }];
  });
}

function imdsV2Required(props: Props): boolean {
  const tokens = str(at(props, "metadataOptions", "httpTokens"));
  // EC2.8 / EC2.170 pass only on HttpTokens required; a disabled endpoint with optional tokens still fails.
  return tokens === "required" || tokens === "unknown";
}

export const ec2Policies = [
  resourcePolicy({
    name: "ebs-encryption-by-default",
    description: "EBS encryption by default is not turned off (aws.ebs.EncryptionByDefault enabled defaults to true).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "EC2.7", title: "EBS default encryption should be enabled" },
    remediationSteps: "Set enabled: true (or remove the argument) on aws.ebs.EncryptionByDefault.",
    prevents: "New volumes and snapshot copies created in clear whenever a program leaves encrypted unset.",
    types: T.ebsEncryptionByDefault,
    check: (r) => (bool(r.props.enabled) === false ? [finding(`${where(r.name, r.type)} turns EBS encryption by default off`, "set enabled: true")] : []),
  }),
  stackPolicy({
    name: "ebs-volume-encrypted",
    description: "EBS volumes are encrypted (encrypted defaults to false, unless the stack enables aws.ebs.EncryptionByDefault).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.3", title: "Attached Amazon EBS volumes should be encrypted at-rest" },
    remediationSteps: "Set encrypted: true (and kmsKeyId) on aws.ebs.Volume; enable EBS encryption by default in the account.",
    prevents: "Volume data and its snapshots stored in clear.",
    check: (stack) =>
      ec2EncryptionFindings(stack, T.ebsVolume, (r) => {
        const enc = bool(r.props.encrypted);
        return enc === true || enc === "unknown" ? [] : ["is not encrypted"];
      }, "set encrypted: true"),
  }),
  stackPolicy({
    name: "ec2-instance-block-devices-encrypted",
    description: "EC2 instances encrypt their root and EBS block devices (unless the stack enables aws.ebs.EncryptionByDefault).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.3", title: "Attached Amazon EBS volumes should be encrypted at-rest" },
    remediationSteps: "Set encrypted: true on rootBlockDevice and every ebsBlockDevices entry.",
    prevents: "Instance disks stored in clear.",
    check: (stack) =>
      ec2EncryptionFindings(stack, T.instance, (r) => {
        const bad = unencryptedInstanceDevices(r.props);
        return bad.length === 0 ? [] : [`has unencrypted block devices: ${bad.join(", ")}`];
      }, "set encrypted: true on each (rootBlockDevice: { encrypted: true })"),
  }),
  stackPolicy({
    name: "ec2-launch-template-volumes-encrypted",
    description: "Launch templates encrypt every EBS block device mapping (unless the stack enables aws.ebs.EncryptionByDefault).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.3", title: "Attached Amazon EBS volumes should be encrypted at-rest" },
    remediationSteps: "Set ebs.encrypted: \"true\" (and kmsKeyId) in every blockDeviceMappings entry.",
    prevents: "Every instance launched from the template getting clear-text volumes.",
    check: (stack) =>
      ec2EncryptionFindings(stack, T.launchTemplate, (r) => {
        const bad = unencryptedTemplateDevices(r.props);
        return bad.length === 0 ? [] : [`has unencrypted EBS mappings: ${bad.join(", ")}`];
      }, "set ebs.encrypted: \"true\" on each mapping"),
  }),
  resourcePolicy({
    name: "ec2-instance-no-public-ip",
    description: "EC2 instances do not get a public IPv4 address.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.9", title: "Amazon EC2 instances should not have a public IPv4 address" },
    remediationSteps: "Set associatePublicIpAddress: false and launch into a private subnet; reach the instance through SSM Session Manager.",
    prevents: "An instance directly reachable from the internet.",
    types: T.instance,
    check: (r) => {
      const nics = list(r.props.networkInterfaces);
      const viaNic = nics !== "unknown" && nics.some((n) => bool(at(n, "associatePublicIpAddress")) === true);
      return bool(r.props.associatePublicIpAddress) === true || viaNic
        ? [finding(`${where(r.name, r.type)} is given a public IPv4 address`, "set associatePublicIpAddress: false and use a private subnet")]
        : [];
    },
  }),
  resourcePolicy({
    name: "ec2-launch-template-no-public-ip",
    description: "Launch templates do not assign public IPs to network interfaces.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.25", title: "Amazon EC2 launch templates should not assign public IPs to network interfaces" },
    remediationSteps: "Set networkInterfaces[].associatePublicIpAddress: \"false\".",
    prevents: "Every instance launched from the template being internet-reachable.",
    types: T.launchTemplate,
    check: (r) => {
      const nics = list(r.props.networkInterfaces);
      const bad = nics === "unknown" ? [] : nics.flatMap((n, i) => (bool(at(n, "associatePublicIpAddress")) === true ? [`networkInterfaces[${i}]`] : []));
      return bad.length === 0 ? [] : [finding(`${where(r.name, r.type)} assigns public IPs on ${bad.join(", ")}`, "set associatePublicIpAddress: \"false\"")];
    },
  }),
  resourcePolicy({
    name: "ec2-instance-imdsv2",
    description: "EC2 instances require IMDSv2 session tokens.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.8", title: "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)" },
    remediationSteps: "Set metadataOptions: { httpTokens: \"required\" }.",
    prevents: "SSRF bugs reading instance role credentials through IMDSv1.",
    types: T.instance,
    check: (r) => (imdsV2Required(r.props) ? [] : [finding(`${where(r.name, r.type)} allows IMDSv1`, "set metadataOptions.httpTokens to \"required\"")]),
  }),
  resourcePolicy({
    name: "ec2-launch-template-imdsv2",
    description: "Launch templates require IMDSv2 session tokens.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.170", title: "EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)" },
    remediationSteps: "Set metadataOptions: { httpTokens: \"required\" } in the template.",
    prevents: "Every instance launched from the template exposing IMDSv1 credentials.",
    types: T.launchTemplate,
    check: (r) => (imdsV2Required(r.props) ? [] : [finding(`${where(r.name, r.type)} allows IMDSv1`, "set metadataOptions.httpTokens to \"required\"")]),
  }),
];
