import { withExemptions } from "./exemption-policies";
import { policies } from "./all";

/** What the pack serves: the platform's policies between the two exemption policies. */
export const packPolicies = withExemptions(policies);
