import type { PolicyDocument } from "@platform/components";

/** Only unauthenticated identities of this one identity pool may assume the RUM guest role. */
export function rumGuestTrustPolicy(identityPoolId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": identityPoolId },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
        },
      },
    ],
  };
}

/** Browsers may only send events to this one app monitor. */
export function rumPutEventsPolicy(appMonitorArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "rum:PutRumEvents", Resource: appMonitorArn }],
  };
}
