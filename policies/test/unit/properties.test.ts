import fc from "fast-check";
import { aclAdminIngress, openIngress } from "../../src/network";
import { deniesInsecureTransport } from "../../src/s3";

const port = fc.integer({ min: 0, max: 65535 });
const range = fc.tuple(port, port).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

describe("network ACL admin-port rule", () => {
  it("flags an internet allow entry exactly when its TCP range contains 22 or 3389", () => {
    fc.assert(
      fc.property(range, fc.constantFrom("0.0.0.0/0", "::/0", "10.0.0.0/8"), fc.constantFrom("allow", "deny"), ([from, to], cidr, action) => {
        const entry = cidr === "::/0" ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr };
        const expected = action === "allow" && cidr !== "10.0.0.0/8" && ((from <= 22 && 22 <= to) || (from <= 3389 && 3389 <= to));
        expect(aclAdminIngress({ ...entry, ruleAction: action, protocol: "6", fromPort: from, toPort: to })).toBe(expected);
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
        for (const [type, props] of forms) expect(openIngress(type, props, authorized).length).toBe(authorized.includes(p) ? 0 : 1);
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
