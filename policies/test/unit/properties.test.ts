import fc from "fast-check";
import { aclAdminIngress, HIGH_RISK_PORTS, highRiskOpenIngress, unauthorizedOpenIngress } from "../../src/network";
import { deniesInsecureTransport } from "../../src/s3";

const port = fc.integer({ min: 0, max: 65535 });
const range = fc.tuple(port, port).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

describe("network ACL admin-port rule", () => {
  it("flags an internet allow entry exactly when its TCP or UDP range contains 22 or 3389 (EC2.21)", () => {
    fc.assert(
      fc.property(range, fc.constantFrom("0.0.0.0/0", "::/0", "10.0.0.0/8"), fc.constantFrom("allow", "deny"), fc.constantFrom("6", "tcp", "17", "udp"), ([from, to], cidr, action, protocol) => {
        const entry = cidr === "::/0" ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr };
        const expected = action === "allow" && cidr !== "10.0.0.0/8" && ((from <= 22 && 22 <= to) || (from <= 3389 && 3389 <= to));
        expect(aclAdminIngress({ ...entry, ruleAction: action, protocol, fromPort: from, toPort: to })).toBe(expected);
      }),
    );
  });
});

describe("security group internet ingress", () => {
  it("reports an open single port exactly when it is not an authorized port, in all three rule forms", () => {
    fc.assert(
      fc.property(port, fc.uniqueArray(port, { maxLength: 3 }), fc.constantFrom("0.0.0.0/0", "::/0"), (p, authorized, cidr) => {
        const v6 = cidr === "::/0";
        const forms: [string, Record<string, unknown>][] = [
          ["aws:ec2/securityGroup:SecurityGroup", { ingress: [{ protocol: "tcp", fromPort: p, toPort: p, ...(v6 ? { ipv6CidrBlocks: [cidr] } : { cidrBlocks: [cidr] }) }] }],
          ["aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", protocol: "tcp", fromPort: p, toPort: p, ...(v6 ? { ipv6CidrBlocks: [cidr] } : { cidrBlocks: [cidr] }) }],
          ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { ipProtocol: "tcp", fromPort: p, toPort: p, ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }) }],
        ];
        for (const [type, props] of forms) expect(unauthorizedOpenIngress(type, props, { authorizedPorts: authorized }).length).toBe(authorized.includes(p) ? 0 : 1);
      }),
    );
  });

  it("authorizes an open TCP range only when every port in it is authorized (EC2.18, https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18)", () => {
    fc.assert(
      fc.property(range, fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }), ([a, b], authorized) => {
        const [from, to] = [a % 41, Math.min(a % 41 + (b % 4), 65535)];
        const props = { ingress: [{ protocol: "tcp", fromPort: from, toPort: to, cidrBlocks: ["0.0.0.0/0"] }] };
        const every = Array.from({ length: to - from + 1 }, (_, i) => from + i).every((x) => authorized.includes(x));
        expect(unauthorizedOpenIngress("aws:ec2/securityGroup:SecurityGroup", props, { authorizedPorts: authorized }).length).toBe(every ? 0 : 1);
      }),
    );
  });

  it("flags an open TCP or UDP range exactly when it contains one of EC2.19's high-risk ports", () => {
    fc.assert(
      fc.property(range, fc.constantFrom("tcp", "udp", "6", "17"), ([from, to], protocol) => {
        const props = { type: "ingress", protocol, fromPort: from, toPort: to, cidrBlocks: ["0.0.0.0/0"] };
        const expected = HIGH_RISK_PORTS.some((x) => from <= x && x <= to);
        expect(highRiskOpenIngress("aws:ec2/securityGroupRule:SecurityGroupRule", props).length).toBe(expected ? 1 : 0);
      }),
    );
  });
});

describe("TLS-only bucket policy", () => {
  const other = fc.record({ Effect: fc.constantFrom("Allow", "Deny"), Action: fc.constantFrom("s3:GetObject", "s3:*"), Principal: fc.constant("*") });
  const tlsDeny = { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } };

  it("is recognised wherever the deny statement sits among other statements", () => {
    fc.assert(
      fc.property(fc.array(other, { maxLength: 5 }), fc.nat(), (statements, at) => {
        const withDeny: Record<string, unknown>[] = [...statements];
        withDeny.splice(at % (statements.length + 1), 0, tlsDeny);
        expect(deniesInsecureTransport(JSON.stringify({ Statement: withDeny }))).toBe(true);
        expect(deniesInsecureTransport(JSON.stringify({ Statement: statements }))).toBe(false);
      }),
    );
  });
});
