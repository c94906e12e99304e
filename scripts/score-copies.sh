#!/usr/bin/env bash
# Runs the copy detector on the copies dev corpus and scores it (see ../shared/tools/README.md).
# usage: scripts/score-copies.sh [set-dir] [pred.jsonl]   (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."
SET="${1:-../shared/data/copies-dev}"
PRED="${2:-${TMPDIR:-/tmp}/newsdesk-copies-pred.jsonl}"
if node bin/newsdesk.js --help 2>/dev/null | grep -qE '^  copies( |$)'; then
  node bin/newsdesk.js copies --in "$SET/corpus.jsonl" > "$PRED"
else
  # `copies` not registered in src/cli/program.ts yet: run the same command module in a bare program.
  node --import tsx --input-type=module -e "
    const { Command } = await import('commander');
    const { registerCopies } = await import('./src/cli/copies.command.ts');
    let code = 0;
    const program = new Command().exitOverride();
    registerCopies(program, { io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
      config: () => { throw new Error('no config needed'); }, setExitCode: (c) => { code = c; } });
    await program.parseAsync(['copies', '--in', process.argv[1]], { from: 'user' });
    process.exitCode = code;
  " "$SET/corpus.jsonl" > "$PRED"
fi
node ../shared/tools/copies-score.mjs "$SET" "$PRED"
