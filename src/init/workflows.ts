/**
 * The GitHub workflows `snac init` writes into a team's repository: plan on pull requests, apply
 * on merge, drift every morning. They run the released action (`uses: owner/snac@vX.Y.Z`), never
 * a local path, and hold credentials only in the per-instance environments the README describes.
 */
export interface WorkflowOptions {
  /** `owner/snac@vX.Y.Z`. */
  readonly action: string;
  /** The instance names of snac.yaml, one matrix entry each. */
  readonly instances: readonly string[];
  /** The default branch that merges apply from. */
  readonly branch: string;
}

const PATHS = "['accounts/**', 'snac.yaml']";

function matrix(instances: readonly string[]): string {
  return `[${instances.join(', ')}]`;
}

/** A job per instance, one run at a time per instance: a queued run waits rather than being cancelled. */
function serialJob(verb: string, instances: readonly string[]): string {
  return `runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        instance: ${matrix(instances)}
    concurrency:
      group: snac-${verb}-\${{ matrix.instance }}
      cancel-in-progress: false`;
}

/** The credentials of the instance's environment, as snac.yaml's username_env / password_env name them. */
const CREDENTIALS = `SNAC_USERNAME: \${{ secrets.SNAC_USERNAME }}
          SNAC_PASSWORD: \${{ secrets.SNAC_PASSWORD }}`;

export function planWorkflow(o: WorkflowOptions): string {
  return `# snac plan: validate without secrets, plan each instance with its read-only account, post one
# sticky comment per instance, and hold privileged changes until the privileged team approves.
# Pull requests from forks are validated only: no job holding a secret runs for them.
name: snac plan
on:
  pull_request:
    paths: ${PATHS}
  pull_request_review:
    types: [submitted, dismissed]
permissions: {}
concurrency:
  group: snac-plan-\${{ github.event.pull_request.number }}-\${{ github.event_name }}
  cancel-in-progress: true
jobs:
  validate:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: ${o.action}
        with:
          command: validate --format github

  plan:
    needs: validate
    if: github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        instance: ${matrix(o.instances)}
    # Holds the read-only account of this instance (secrets SNAC_USERNAME and SNAC_PASSWORD).
    environment: snac-read-\${{ matrix.instance }}
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      # The declarations before this pull request: what they would plan too was changed by hand.
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.base.sha }}
          path: .snac/base
      - id: plan
        uses: ${o.action}
        with:
          command: plan --out plan.json --base-dir .snac/base/accounts
          instance: \${{ matrix.instance }}
        env:
          ${CREDENTIALS}
      - uses: actions/upload-artifact@v4
        if: \${{ !cancelled() }}
        with:
          name: snac-plan-json-\${{ matrix.instance }}
          path: plan.json
          if-no-files-found: ignore

  comment:
    needs: plan
    if: \${{ !cancelled() && needs.plan.result != 'skipped' && github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository }}
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        instance: ${matrix(o.instances)}
    # No ServiceNow credentials here: only the right to comment.
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          name: snac-plan-json-\${{ matrix.instance }}
      - uses: ${o.action}
        with:
          command: comment --plan plan.json --artifact-dir snac-plan
          instance: \${{ matrix.instance }}
      - uses: actions/upload-artifact@v4
        if: \${{ !cancelled() }}
        with:
          name: snac-plan-\${{ matrix.instance }}
          path: snac-plan/

  privileged-review:
    needs: comment
    if: \${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository && (github.event_name == 'pull_request_review' || needs.comment.result == 'success') }}
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: read
    steps:
      - uses: actions/checkout@v4
      - uses: ${o.action}
        with:
          command: check-privileged --team \${{ vars.SNAC_PRIVILEGED_TEAM }}
        env:
          # A GitHub App token with organization "members: read": GITHUB_TOKEN cannot see teams.
          SNAC_TEAM_TOKEN: \${{ secrets.SNAC_TEAM_TOKEN }}
`;
}

export function applyWorkflow(o: WorkflowOptions): string {
  return `# snac apply: on merge, for each instance, one apply at a time, with the write account of a
# protected environment, and only the plan that was reviewed on the merged pull request.
name: snac apply
on:
  push:
    branches: [${o.branch}]
    paths: ${PATHS}
  workflow_dispatch:
permissions: {}
jobs:
  apply:
    ${serialJob('apply', o.instances)}
    # Protect it: deployment branch ${o.branch} only. Holds snac's write account for this instance.
    environment: snac-write-\${{ matrix.instance }}
    permissions:
      contents: read
      pull-requests: write
    env:
      ${CREDENTIALS.replace('\n          ', '\n      ')}
    steps:
      - uses: actions/checkout@v4
      - id: plan
        uses: ${o.action}
        with:
          command: plan --out plan.json
          instance: \${{ matrix.instance }}
      # The plan of the merged commit must be the one on the pull request's sticky comment.
      - if: steps.plan.outputs.exit-code == '2'
        uses: ${o.action}
        with:
          command: check-reviewed --plan plan.json
          instance: \${{ matrix.instance }}
      # snac apply reads the instance again and refuses if it changed since the plan above.
      - id: apply
        if: steps.plan.outputs.exit-code == '2'
        uses: ${o.action}
        with:
          command: apply --plan plan.json --format json
          instance: \${{ matrix.instance }}
          output-file: outcome.json
      - if: \${{ !cancelled() && steps.apply.outcome != 'skipped' }}
        uses: ${o.action}
        with:
          command: report-apply --outcome outcome.json
`;
}

export function driftWorkflow(o: WorkflowOptions): string {
  return `# snac drift: every morning (and on demand) plan ${o.branch} against each instance; anything to
# change was changed outside snac. One issue per instance, opened, updated and closed by snac.
name: snac drift
on:
  schedule:
    - cron: '17 6 * * *'
  workflow_dispatch:
permissions: {}
jobs:
  drift:
    ${serialJob('drift', o.instances)}
    environment: snac-read-\${{ matrix.instance }}
    permissions:
      contents: read
      issues: write
    steps:
      - uses: actions/checkout@v4
      - uses: ${o.action}
        with:
          command: drift
          instance: \${{ matrix.instance }}
        env:
          ${CREDENTIALS}
`;
}
