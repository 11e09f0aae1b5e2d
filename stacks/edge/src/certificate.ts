import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CertificateArgs {
  readonly domainName: string;
  readonly zoneName: string;
  /** The us-east-1 provider: CloudFront only accepts ACM certificates from there. */
  readonly provider: aws.Provider;
}

/** An ACM certificate for the custom domain, DNS-validated in its Route 53 zone. */
export class EdgeCertificate extends pulumi.ComponentResource {
  /** The certificate ARN, known only once validation succeeded, so the distribution waits for it. */
  readonly certificateArn: pulumi.Output<string>;
  readonly zoneId: pulumi.Output<string>;

  constructor(name: string, args: CertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:EdgeCertificate", name, {}, opts);
    const zone = aws.route53.getZoneOutput({ name: args.zoneName, privateZone: false }, { parent: this });
    this.zoneId = zone.zoneId;
    const certificate = new aws.acm.Certificate(
      "certificate",
      { domainName: args.domainName, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1" },
      { parent: this, provider: args.provider },
    );
    const option = certificate.domainValidationOptions.apply((options) => options[0]);
    const record = new aws.route53.Record(
      "certificate-validation",
      {
        zoneId: zone.zoneId,
        name: option.apply((o) => o.resourceRecordName),
        type: option.apply((o) => o.resourceRecordType),
        records: [option.apply((o) => o.resourceRecordValue)],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      "certificate",
      { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
      { parent: this, provider: args.provider },
    );
    this.certificateArn = validation.certificateArn;
    this.registerOutputs({ certificateArn: this.certificateArn });
  }
}

/** A and AAAA alias records pointing the custom domain at the distribution. */
export function aliasRecords(
  domainName: string,
  zoneId: pulumi.Input<string>,
  distribution: aws.cloudfront.Distribution,
  opts: pulumi.CustomResourceOptions = {},
): aws.route53.Record[] {
  return (["A", "AAAA"] as const).map(
    (type) =>
      new aws.route53.Record(
        `alias-${type.toLowerCase()}`,
        {
          zoneId,
          name: domainName,
          type,
          aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
        },
        opts,
      ),
  );
}
