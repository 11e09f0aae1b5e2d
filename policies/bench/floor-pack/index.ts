// The cheapest pack @pulumi/policy can serve: one resource policy that accepts everything.
// `npm run bench` sends the same 1,000 resources here and to the real pack, so the real pack's
// figure can be read against what the protocol itself costs on the same machine.
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("bench-floor", {
  policies: [
    {
      name: "accept-everything",
      description: "Checks nothing.",
      enforcementLevel: "advisory",
      validateResource: () => undefined,
    },
  ],
});
