/**
 * How well the story clusterer's related stories pick related news, on the news-clustering dev set (read from
 * ../shared at run time): the corpus is clustered as `newsdesk cluster` does, then every predicted story of ≥ 2
 * articles asks for its related stories. A related story counts as right when its gold topic (ECB+ topics hold two
 * similar events) is the story's. Prints precision at 1 and the similarity distributions of right and wrong
 * candidates, which set the analyzer's RELATED_MIN_SIMILARITY.
 *   node --import tsx scripts/related-stories-eval.ts [gold.jsonl.gz]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { clusterCorpus } from '../src/pipeline/cluster/index.ts';

interface GoldRow {
  id: string;
  date: string | null;
  title: string;
  text: string;
  topic: string;
}

const file = process.argv[2] ?? '../shared/data/news-clustering/ecbplus-traindev.jsonl.gz';
const rows: GoldRow[] = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as GoldRow);
const { assignments, clusterer } = clusterCorpus(rows);
const topicOf = new Map(rows.map((r) => [r.id, r.topic]));
const members = new Map<string, string[]>();
for (const a of assignments) members.set(a.story, [...(members.get(a.story) ?? []), a.id]);
const majorityTopic = (ids: string[]): string => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(topicOf.get(id)!, (counts.get(topicOf.get(id)!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
};

const right: number[] = [];
const wrong: number[] = [];
let firstRight = 0;
let asked = 0;
for (const [story, ids] of members) {
  if (ids.length < 2) continue;
  const topic = majorityTopic(ids);
  clusterer.relatedStories(story, 8).forEach((r, rank) => {
    const other = members.get(r.storyId);
    if (!other) return;
    const ok = majorityTopic(other) === topic;
    (ok ? right : wrong).push(r.similarity);
    if (rank === 0) {
      asked++;
      if (ok) firstRight++;
    }
  });
}
const quantile = (xs: number[], p: number): string => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]?.toFixed(3) ?? '-';
console.log(`stories ${members.size}; precision at 1 ${(firstRight / Math.max(1, asked)).toFixed(3)} over ${asked}`);
console.log(`right (same topic)  n=${right.length} similarity q10 ${quantile(right, 0.1)} median ${quantile(right, 0.5)} q90 ${quantile(right, 0.9)}`);
console.log(`wrong (other topic) n=${wrong.length} similarity median ${quantile(wrong, 0.5)} q90 ${quantile(wrong, 0.9)} q99 ${quantile(wrong, 0.99)}`);
for (const t of [0.02, 0.05, 0.1, 0.2]) {
  console.log(`at ≥ ${t}: right kept ${right.filter((x) => x >= t).length}/${right.length}, wrong kept ${wrong.filter((x) => x >= t).length}/${wrong.length}`);
}
