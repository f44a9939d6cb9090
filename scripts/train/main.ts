// `npm run train`: render the allowed training sources (cached), analyse everything (cached), fit
// the embedding and the category model, write resources/*.json, and print how both do on
// leave-one-pack-out and on the unseen test sets (FluidR3_GM renders, Hydrogen kits), next to the
// Python prototype's 45-descriptor baseline. Deterministic: seeded renders, seeded forest, sorted inputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { Descriptors } from '../../src-shared/sample.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import { embed, EMBEDDING_MODEL_FILE } from '../../src-main/core/embed/index.js';
import { CATEGORY_MODEL_FILE } from '../../src-main/core/models/category.js';
import { predictKind } from '../../src-main/core/models/kind.js';
import { corpusEntries } from '../../test/corpus.js';
import { isCategory } from '../../src-shared/taxonomy.js';
import { analyseAll, ANALYSER_FINGERPRINT, type Example, type LabelledAudio } from './dataset.js';
import { fitFeatureTransform, type FeatureSelection } from './feature-transform.js';
import { DEFAULT_EMBEDDING_OPTIONS, trainEmbeddingModel, type EmbeddingTrainingOptions } from './embedding-trainer.js';
import { CATEGORY_NEIGHBOURS, trainCategoryModel } from './category-trainer.js';
import {
  classificationScores, leaveOnePackOutNeighbours, leaveOnePackOutPredictions, unseenNeighbours,
  type ClassificationScores, type Embedder, type NeighbourScores,
} from './evaluate.js';
import { hydrogenTestSet } from './hydrogen.js';
import { MANIFEST_HEADER, manifestLine, renderSource, type RenderedFile } from './render/render.js';
import { heldOutSource, trainingSources } from './render/sources.js';
import { renderSynthPack } from './render/synth.js';

// npm scripts run in the package root; the bundle's own location (out/node) is not the repo.
const REPO_ROOT = process.cwd();
const CACHE_DIR = join(REPO_ROOT, '.cache', 'train');
const RESOURCES_DIR = join(REPO_ROOT, 'resources');
const log = (line: string) => console.log(line);

/**
 * Descriptors the learned models ignore: absolute level (how loud a file was mastered says nothing
 * about what it is, and renders are peak-normalised) and the audio hash-like bookkeeping.
 */
const EXCLUDED_DESCRIPTORS = (name: string) => /lufs|loudness|peak|rms_max|dc_offset|clip|true_peak|hash/i.test(name);

/** The Python prototype's 45 numbers: 13 MFCC means and stds, 12 chroma, centroid, rolloff, bandwidth, zcr, rms, tempo, duration. */
export function prototypeDescriptorNames(available: readonly string[]): string[] {
  const find = (...candidates: string[]) => {
    for (const c of candidates) if (available.includes(c)) return c;
    throw new Error(`prototype descriptor missing: ${candidates.join(' / ')}`);
  };
  return [
    ...Array.from({ length: 13 }, (_, i) => find(`mfcc_mean_${i}`)),
    ...Array.from({ length: 13 }, (_, i) => find(`mfcc_std_${i}`)),
    ...Array.from({ length: 12 }, (_, i) => find(`chroma_${i}`, `chroma_mean_${i}`)),
    find('spectral_centroid_mean', 'spectral_centroid'),
    find('spectral_rolloff_mean', 'spectral_rolloff'),
    find('spectral_bandwidth_mean', 'spectral_bandwidth'),
    find('zcr_mean'),
    find('rms_mean'),
    find('tempo'),
    find('duration'),
  ];
}

function toLabelled(file: RenderedFile): LabelledAudio {
  return { path: file.path, pack: file.pack, category: file.category, kind: file.kind, bpm: file.bpm };
}

function corpusAudio(): LabelledAudio[] {
  return corpusEntries()
    .filter((e) => isCategory(e.category))
    .map((e) => ({ path: e.path, pack: e.source, category: e.category as Category, kind: e.category === 'loop' ? 'loop' : 'one-shot', bpm: null }));
}

function trainedOnText(examples: readonly Example[]): string {
  const packs = new Map<string, number>();
  for (const e of examples) packs.set(e.pack, (packs.get(e.pack) ?? 0) + 1);
  return `${examples.length} files: ${[...packs.entries()].sort().map(([p, n]) => `${p} ${n}`).join(', ')}; analyser ${ANALYSER_FINGERPRINT}`;
}

function oursTrainer(options: EmbeddingTrainingOptions, selection: FeatureSelection) {
  return (training: readonly Example[]): Embedder => {
    const rows = training.map((e) => e.descriptors);
    const transform = fitFeatureTransform(rows, selection);
    const model = trainEmbeddingModel(rows, training.map((e) => e.category), transform, options, '');
    return (d: Descriptors) => embed(d, model);
  };
}

/** The prototype: plain z-scores (mean/std, no log, no clamp) of its 45 descriptors, cosine. */
function baselineTrainer(names: readonly string[]) {
  return (training: readonly Example[]): Embedder => {
    const mean = names.map((n) => training.reduce((a, e) => a + (e.descriptors[n] ?? 0), 0) / training.length);
    const std = names.map((n, j) => Math.sqrt(training.reduce((a, e) => a + ((e.descriptors[n] ?? 0) - mean[j]) ** 2, 0) / training.length) || 1);
    return (d: Descriptors) => {
      const v = Float32Array.from(names, (n, j) => (Number.isFinite(d[n]) ? (d[n] - mean[j]) / std[j] : 0));
      const norm = Math.hypot(...v) || 1;
      return v.map((x) => x / norm);
    };
  };
}

function neighbourClassifierTrainer(options: EmbeddingTrainingOptions, selection: FeatureSelection) {
  return (training: readonly Example[]) => {
    const rows = training.map((e) => e.descriptors);
    const labels = training.map((e) => e.category);
    const embedding = trainEmbeddingModel(rows, labels, fitFeatureTransform(rows, selection), options, '');
    const model = trainCategoryModel(rows, labels, embedding, '');
    return (query: readonly Descriptors[]) => model.predictMany(query).map((p) => p.category);
  };
}

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1).padStart(5) : '    –');

function neighbourLine(name: string, ours: NeighbourScores, baseline: NeighbourScores): string {
  return `| ${name} | ${ours.queries} | ${pct(ours.overall)} | ${pct(ours.crossPack)} | ${pct(baseline.overall)} | ${pct(baseline.crossPack)} |`;
}

function classificationBlock(name: string, scores: ClassificationScores): string[] {
  const lines = [`${name}: overall ${pct(scores.overall)}%, drums ${pct(scores.drums)}% (${scores.count} files)`];
  lines.push('| class | support | precision | recall | F1 |', '| --- | --- | --- | --- | --- |');
  for (const m of scores.perClass) if (m.support > 0) lines.push(`| ${m.label} | ${m.support} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} |`);
  return lines;
}

async function main(): Promise<void> {
  try {
    setPriority(19); // share the machine politely
  } catch {
    // not permitted: carry on at normal priority
  }
  const started = Date.now();
  mkdirSync(CACHE_DIR, { recursive: true });
  log('Rendering training sources (cached under .cache/train/render)…');
  const renderDir = join(CACHE_DIR, 'render');
  const rendered: RenderedFile[] = [];
  for (const source of trainingSources(CACHE_DIR)) rendered.push(...renderSource(source, renderDir, log));
  rendered.push(...renderSynthPack(renderDir));
  const heldOut = renderSource(heldOutSource(), renderDir, log);
  writeFileSync(join(CACHE_DIR, 'manifest.csv'), [MANIFEST_HEADER, ...rendered.map(manifestLine)].join('\n') + '\n');
  writeFileSync(join(CACHE_DIR, 'manifest-test-fluidr3.csv'), [MANIFEST_HEADER, ...heldOut.map(manifestLine)].join('\n') + '\n');
  const trainingAudio = [...rendered.map(toLabelled), ...corpusAudio()];
  const fluidAudio = heldOut.map(toLabelled);
  const hydrogenAudio: LabelledAudio[] = hydrogenTestSet().map((f) => ({ path: f.path, pack: f.pack, category: f.category, kind: 'one-shot', bpm: null }));
  log(`Analysing ${trainingAudio.length} training + ${fluidAudio.length} FluidR3 + ${hydrogenAudio.length} Hydrogen files (cached)…`);
  const cachePath = join(CACHE_DIR, `descriptors-${ANALYSER_FINGERPRINT}.json`);
  const all = await analyseAll([...trainingAudio, ...fluidAudio, ...hydrogenAudio], cachePath, log);
  const byPath = new Map(all.examples.map((e) => [e.path, e]));
  const pickAnalysed = (files: readonly LabelledAudio[]) => files.flatMap((f) => (byPath.has(f.path) ? [byPath.get(f.path)!] : []));
  const training = pickAnalysed(trainingAudio);
  const fluid = pickAnalysed(fluidAudio);
  const hydrogen = pickAnalysed(hydrogenAudio);
  log(`  ${training.length} training, ${fluid.length} FluidR3, ${hydrogen.length} Hydrogen examples; ${all.failed.length} failed`);

  const selection: FeatureSelection = { exclude: EXCLUDED_DESCRIPTORS };
  const embeddingOptions = DEFAULT_EMBEDDING_OPTIONS;
  const baselineNames = prototypeDescriptorNames(Object.keys(training[0].descriptors));

  // Final models on all training data.
  const rows = training.map((e) => e.descriptors);
  const transform = fitFeatureTransform(rows, selection);
  const trainedOn = trainedOnText(training);
  const embeddingModel = trainEmbeddingModel(rows, training.map((e) => e.category), transform, embeddingOptions, trainedOn);
  const categoryModel = trainCategoryModel(rows, training.map((e) => e.category), embeddingModel, trainedOn);
  mkdirSync(RESOURCES_DIR, { recursive: true });
  writeFileSync(join(RESOURCES_DIR, EMBEDDING_MODEL_FILE), JSON.stringify(embeddingModel) + '\n');
  writeFileSync(join(RESOURCES_DIR, CATEGORY_MODEL_FILE), JSON.stringify(categoryModel.toJSON()) + '\n');
  log(`Wrote resources/${EMBEDDING_MODEL_FILE} (${embeddingModel.dimension} dimensions over ${embeddingModel.featureNames.length} descriptors) and resources/${CATEGORY_MODEL_FILE} (${CATEGORY_NEIGHBOURS}-nearest-neighbour vote)`);

  const report: string[] = [`## Training report (analyser ${ANALYSER_FINGERPRINT})`, '', trainedOn, ''];
  report.push('### Find similar: precision@10 by category', '', '| evaluation | queries | ours overall | ours cross-pack | prototype overall | prototype cross-pack |', '| --- | --- | --- | --- | --- | --- |');
  const ours = oursTrainer(embeddingOptions, selection);
  const baseline = baselineTrainer(baselineNames);
  report.push(neighbourLine('leave-one-pack-out (training packs + corpus)', leaveOnePackOutNeighbours(training, ours), leaveOnePackOutNeighbours(training, baseline)));
  const finalEmbedder: Embedder = (d) => embed(d, embeddingModel);
  const finalBaseline = baseline(training);
  const unseen = [['unseen FluidR3_GM renders', fluid], ['unseen Hydrogen kits', hydrogen]] as const;
  const unseenScores = unseen.map(([name, set]) => ({ name, ours: unseenNeighbours(training, set, finalEmbedder), baseline: unseenNeighbours(training, set, finalBaseline) }));
  for (const { name, ours: o, baseline: b } of unseenScores) report.push(neighbourLine(name, o, b));
  report.push('', 'Per category on the unseen sets (ours overall/cross-pack, prototype overall/cross-pack):', '');
  for (const { name, ours: o, baseline: b } of unseenScores) {
    report.push(`- ${name}: ${Object.entries(o.byCategory).map(([c, v]) => `${c} ${pct(v.overall).trim()}/${pct(v.crossPack).trim()} (${pct(b.byCategory[c].overall).trim()}/${pct(b.byCategory[c].crossPack).trim()})`).join(', ')}`);
  }
  report.push('');

  log('Category model: leave-one-pack-out…');
  const lopoPredicted = leaveOnePackOutPredictions(training, neighbourClassifierTrainer(embeddingOptions, selection));
  report.push('### Category model accuracy', '');
  report.push(...classificationBlock('Leave-one-pack-out (training packs + corpus)', classificationScores(training.map((e) => e.category), lopoPredicted, CATEGORIES)), '');
  const corpusIdx = training.flatMap((e, i) => (e.pack.startsWith('sonic-pi') || e.pack.startsWith('lmms') ? [i] : []));
  report.push(...classificationBlock('Leave-one-pack-out, public corpus only', classificationScores(corpusIdx.map((i) => training[i].category), corpusIdx.map((i) => lopoPredicted[i]), CATEGORIES)), '');
  for (const [name, set] of [['Unseen FluidR3_GM renders', fluid], ['Unseen Hydrogen kits', hydrogen]] as const) {
    const predicted = categoryModel.predictMany(set.map((e) => e.descriptors)).map((p) => p.category);
    report.push(...classificationBlock(name, classificationScores(set.map((e) => e.category), predicted, CATEGORIES)), '');
  }

  report.push('### Kind (loop vs one-shot) rule', '');
  for (const [name, set] of [['training packs + corpus', training], ['unseen FluidR3_GM renders', fluid], ['unseen Hydrogen kits', hydrogen]] as const) {
    const right = set.filter((e) => predictKind(e.descriptors).kind === e.kind).length;
    const loops = set.filter((e) => e.kind === 'loop');
    const loopsRight = loops.filter((e) => predictKind(e.descriptors).kind === 'loop').length;
    report.push(`- ${name}: ${pct(right / set.length)}% right (${set.length} files; loops found ${loopsRight}/${loops.length})`);
  }
  report.push('', `(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const text = report.join('\n');
  writeFileSync(join(CACHE_DIR, 'report.md'), text + '\n');
  log(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
