import { stackOrder, type StackName } from "@platform/wiring";

export { DEPLOY_WORKFLOW_FILE } from "../repo";
export const REGENERATE_WORKFLOW_COMMAND = "npx platform graph --write-workflow";

/** The stacks the deploy workflow deploys, in graph order: every stack but the bootstrap, which an administrator runs once per account. */
export const deployedStacks = (): StackName[] => stackOrder().filter((s) => s !== "bootstrap");

/** `DEPLOY_ROLE_ARN_APP`: the GitHub environment variable holding a stack's deploy role (a bootstrap output). */
export const deployRoleVariable = (stack: StackName): string => `DEPLOY_ROLE_ARN_${stack.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

function stackSteps(stack: StackName): string {
  const when = `contains(steps.affected.outputs.stacks, ' ${stack} ')`;
  return `
      - name: Assume the ${stack} deploy role
        if: ${when}
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ vars.${deployRoleVariable(stack)} }}
          role-session-name: platform-\${{ inputs.environment }}-${stack}
          aws-region: \${{ vars.AWS_REGION }}
      - name: Deploy ${stack}
        if: ${when}
        run: npx platform up --yes --env "$PLATFORM_ENV" --stack ${stack}
`;
}

/**
 * deploy-environment.yml, generated from the stack graph (packages/wiring/src/graph.ts): one
 * role-and-deploy pair per stack in graph order, so a new stack in the graph is a new pair here.
 * A test fails when the file in the repository differs (regenerate: npx platform graph --write-workflow).
 */
export function renderDeployWorkflow(): string {
  const stacks = deployedStacks();
  return `# GENERATED from packages/wiring/src/graph.ts by \`${REGENERATE_WORKFLOW_COMMAND}\`; do not edit by hand
# (packages/cli/test/workflows.test.ts fails when this file is stale; change packages/cli/src/graph/deploy-workflow.ts).
#
# \`platform up\` for the stacks changed since the last successful deploy to one environment.
# - What is deployed: the stacks \`platform affected --env <env>\` finds between the tag
#   deployed/<env> (moved to this commit after every stack succeeded) and this commit, plus their
#   downstreams. A deploy that fails, or a queued run that GitHub cancels, leaves the tag where it
#   was, so the next run deploys those changes too. No tag yet (first deploy): every stack.
#   A commit older than the tag (a newer push deployed first) deploys nothing.
# - One job per environment at a time (concurrency group deploy-<env>, never cancelled halfway).
#   GitHub keeps at most one run pending per group and cancels an older pending one when a newer
#   arrives; that is safe because the newer run deploys everything since the tag.
# - Each stack is deployed with its own deploy role (created by the bootstrap, trusted only for main
#   and this GitHub environment), assumed right before that stack, in graph order:
#   ${stacks.join(" -> ")}.
#   Role ARNs are variables of the GitHub environment (Settings > Environments):
#   ${stacks.map(deployRoleVariable).join(", ")},
#   plus AWS_REGION and PULUMI_BACKEND_URL.
name: deploy one environment

on:
  workflow_call:
    inputs:
      environment:
        description: dev or prod (a GitHub environment and the stacks' Pulumi.<env>.yaml)
        required: true
        type: string

permissions:
  contents: read

jobs:
  up:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    concurrency:
      group: deploy-\${{ inputs.environment }}
      cancel-in-progress: false
    permissions:
      id-token: write
      # Pushes the deployed/<env> tag after a successful deploy.
      contents: write
    env:
      PULUMI_BACKEND_URL: \${{ vars.PULUMI_BACKEND_URL }}
      AWS_REGION: \${{ vars.AWS_REGION }}
      PLATFORM_ENV: \${{ inputs.environment }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # all history and tags: deployed/<env> is the base
      - uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
          cache: npm
      - uses: ./.github/actions/node-compile-cache
      - run: npm ci --no-audit --no-fund
      - uses: ./.github/actions/setup-pulumi
      - name: Find the stacks changed since the last successful deploy to this environment
        id: affected
        run: |
          set -euo pipefail
          tag="deployed/\${PLATFORM_ENV}"
          record=true
          if ! git rev-parse --verify --quiet "refs/tags/\${tag}^{commit}" > /dev/null; then
            echo "No \${tag} tag yet (first deploy to \${PLATFORM_ENV}): deploying every stack."
            stacks="${stacks.join(" ")}"
          elif git merge-base --is-ancestor "$GITHUB_SHA" "$tag"; then
            echo "\${tag} already contains \${GITHUB_SHA} (it or a newer commit was deployed): nothing to deploy."
            stacks=""
            record=false
          else
            # A failure here fails the step (pipefail): never "Affected: none" because the command broke.
            json="$(npx platform affected --base "$tag" --env "$PLATFORM_ENV" --format json)"
            stacks="$(jq -r '[.stacks[].stack | select(. != "bootstrap")] | join(" ")' <<< "$json")"
          fi
          echo "Affected in \${PLATFORM_ENV}: \${stacks:-none}"
          echo "stacks= \${stacks} " >> "$GITHUB_OUTPUT"
          echo "record=\${record}" >> "$GITHUB_OUTPUT"
${stacks.map(stackSteps).join("")}
      - name: Keep each stack's engine event log
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: pulumi-events-\${{ inputs.environment }}
          path: .platform/events/\${{ inputs.environment }}/
          if-no-files-found: ignore
          retention-days: 30
      - name: Record this commit as deployed to the environment
        if: steps.affected.outputs.record == 'true'
        run: |
          set -euo pipefail
          git tag --force "deployed/\${PLATFORM_ENV}" "$GITHUB_SHA"
          git push --force origin "refs/tags/deployed/\${PLATFORM_ENV}"
`;
}
