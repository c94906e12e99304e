#!/bin/sh
# Scores the online story clusterer on the news-clustering dev set (ECB+ train+dev topics).
# Usage (from the repo root): scripts/score-cluster.sh [gold.jsonl.gz] [extra `newsdesk cluster` flags, e.g. --no-repair]
# Runs `newsdesk cluster` (through a direct runner when the command is not registered in program.ts yet), renames
# `story` → `cluster` for the scorer, prints the scorer's report (standard pairwise F1, BCubed, ARI, NMI).
set -eu
cd "$(dirname "$0")/.."
GOLD=${1:-../shared/data/news-clustering/ecbplus-traindev.jsonl.gz}
[ $# -gt 0 ] && shift
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
if node bin/newsdesk.js --help 2>/dev/null | grep -q '^  cluster '; then
  node bin/newsdesk.js cluster --in "$GOLD" "$@" > "$OUT/pred.jsonl"
else
  CLUSTER_ARGS=$(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- --in "$GOLD" "$@") \
  node --import tsx -e '
    const { runCommand } = await import("./src/cli/testing.ts");
    const { registerCluster } = await import("./src/cli/cluster.command.ts");
    const r = await runCommand(registerCluster, ["cluster", ...JSON.parse(process.env.CLUSTER_ARGS)]);
    process.stdout.write(r.out);
    process.stderr.write(r.err);
    process.exitCode = r.code;
  ' > "$OUT/pred.jsonl"
fi
sed 's/"story":/"cluster":/' "$OUT/pred.jsonl" > "$OUT/pred-scored.jsonl"
node ../shared/tools/cluster-score.mjs "$GOLD" "$OUT/pred-scored.jsonl" --by split
