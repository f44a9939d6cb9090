// The category model: k nearest labelled neighbours in the embedding space, voting by similarity.
// Chosen over a random forest after measuring both on unseen packs (scripts/train): the
// ml-random-forest/ml-cart split search is O(n² · features) per node, so forests small enough to
// train in minutes reached only 55% (FluidR3) / 42% (Hydrogen) where this vote reaches 65% / 58%.
// With the MLP embedding (version 2) the file may instead carry the MLP's softmax head; which one
// ships is decided by leave-one-pack-out accuracy in scripts/train (category-trainer.ts).
// Shipped as resources/category-model.json: its own copy of the embedding plus reference vectors
// (or the heads: one per member of an ensemble embedding, their logits summed, plus the timbre
// network's weighted log-probabilities where the file says so).
import type { Descriptors } from '../../../src-shared/sample.js';
import { CATEGORIES, isCategory, type Category } from '../../../src-shared/taxonomy.js';
import { timbreDescriptorName } from '../analyse/timbre-net.js';
import { embedFromMembers, embedMembers, ENSEMBLE_EMBEDDING_VERSION, parseEmbeddingModel, type EmbeddingModel } from '../embed/index.js';

export const CATEGORY_MODEL_FILE = 'category-model.json';
/**
 * 3 added the optional softmax head, 4 one head per ensemble member, 5 the timbre network's vote
 * (timbreWeight); version 2 files (neighbour vote only) still load.
 */
export const CATEGORY_MODEL_VERSION = 5;
const READABLE_VERSIONS = [2, 3, 4, 5];

export interface CategoryPrediction {
  category: Category;
  /** Share of the neighbours' similarity-weighted vote won by the category, 0..1. */
  confidence: number;
}

export interface SoftmaxHeadJson {
  weights: number[][];
  bias: number[];
  scale: number;
}

/** What the JSON file holds. */
export interface CategoryModelJson {
  version: number;
  /** Neighbours asked per prediction. */
  k: number;
  embedding: EmbeddingModel;
  /** Class index → category name. */
  classes: Category[];
  /** Embedded training examples (unit vectors, rounded) and their class indices; empty when a head decides. */
  references: number[][];
  referenceClasses: number[];
  /**
   * When present, the class is the softmax of scale · weights·û + bias over `classes` (û: the unit
   * embedding), the MLP embedding's own training head, instead of the neighbour vote.
   */
  head?: SoftmaxHeadJson;
  /**
   * The same for an ensemble embedding: head m reads member m's unit output, and the class is the
   * softmax of the summed logits. Takes the place of `head` (version 4).
   */
  heads?: SoftmaxHeadJson[];
  /**
   * With heads: each class's logit also gains timbreWeight × the timbre network's log-probability
   * of it (the timbre_net_ descriptors), a second opinion from the spectrogram (version 5).
   */
  timbreWeight?: number;
  trainedOn: string;
}

function invalid(message: string): Error {
  return new Error(`invalid category model: ${message}`);
}

/** Width of each unit vector embedMembers gives for `embedding`. */
function memberDimensions(embedding: EmbeddingModel): number[] {
  return embedding.version === ENSEMBLE_EMBEDDING_VERSION ? embedding.members.map((layers) => layers[layers.length - 1].weights.length) : [embedding.dimension];
}

function checkHead(head: unknown, classCount: number, inputs: number): void {
  const candidate = head as Partial<SoftmaxHeadJson> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.scale !== 'number' || !Number.isFinite(candidate.scale)) throw invalid('head must have a finite scale');
  if (!Array.isArray(candidate.weights) || candidate.weights.length !== classCount || !Array.isArray(candidate.bias) || candidate.bias.length !== classCount) throw invalid(`head must have ${classCount} rows and biases`);
  for (const row of candidate.weights) if (!Array.isArray(row) || row.length !== inputs || !row.every(Number.isFinite)) throw invalid(`head rows must hold ${inputs} finite numbers`);
  if (!candidate.bias.every(Number.isFinite)) throw invalid('head bias must be finite');
}

export class CategoryModel {
  private readonly heads: readonly SoftmaxHeadJson[] | undefined;

  private constructor(private readonly json: CategoryModelJson) {
    this.heads = json.heads ?? (json.head ? [json.head] : undefined);
  }

  static fromJSON(json: unknown): CategoryModel {
    if (typeof json !== 'object' || json === null) throw invalid('not an object');
    const model = json as Partial<CategoryModelJson>;
    if (!READABLE_VERSIONS.includes(model.version as number)) throw invalid(`version ${String(model.version)}, expected one of ${READABLE_VERSIONS.join(', ')}`);
    if (!Array.isArray(model.classes) || model.classes.length === 0 || !model.classes.every((c) => typeof c === 'string' && isCategory(c))) {
      throw invalid(`classes must be names from ${CATEGORIES.join(', ')}`);
    }
    if (typeof model.k !== 'number' || !Number.isInteger(model.k) || model.k < 1) throw invalid('k must be a positive integer');
    const embedding = parseEmbeddingModel(model.embedding);
    const references = model.references;
    const referenceClasses = model.referenceClasses;
    const classCount = model.classes.length;
    if (model.head !== undefined && model.heads !== undefined) throw invalid('head and heads exclude each other');
    const heads = model.heads ?? (model.head === undefined ? undefined : [model.head]);
    if (heads !== undefined) {
      if (!Array.isArray(heads)) throw invalid('heads must be an array');
      const inputs = memberDimensions(embedding);
      if (heads.length !== inputs.length) throw invalid(`the embedding has ${inputs.length} members, so ${inputs.length} head(s) are needed`);
      heads.forEach((head, m) => checkHead(head, classCount, inputs[m]));
    }
    if (model.timbreWeight !== undefined && (heads === undefined || typeof model.timbreWeight !== 'number' || !Number.isFinite(model.timbreWeight) || model.timbreWeight < 0)) {
      throw invalid('timbreWeight must be a finite number ≥ 0, beside heads');
    }
    if (!Array.isArray(references) || !Array.isArray(referenceClasses) || references.length !== referenceClasses.length || (references.length === 0 && heads === undefined)) {
      throw invalid('references and referenceClasses must be equally long and non-empty');
    }
    for (let i = 0; i < references.length; i++) {
      const vector = references[i];
      if (!Array.isArray(vector) || vector.length !== embedding.dimension) throw invalid(`reference ${i} must have ${embedding.dimension} numbers`);
      const cls = referenceClasses[i];
      if (!Number.isInteger(cls) || cls < 0 || cls >= classCount) throw invalid(`reference ${i} has class ${String(cls)}`);
    }
    return new CategoryModel({ ...(model as CategoryModelJson), embedding });
  }

  static fromParts(parts: Omit<CategoryModelJson, 'version'>): CategoryModel {
    return new CategoryModel({ ...parts, version: CATEGORY_MODEL_VERSION });
  }

  toJSON(): CategoryModelJson {
    return this.json;
  }

  get classes(): readonly Category[] {
    return this.json.classes;
  }

  /** The embedding the classifier reads (the shipped embedding model's, where they are the same: analysis-resources.ts). */
  get embedding(): EmbeddingModel {
    return this.json.embedding;
  }

  /** `members`: what embedMembers(descriptors, this.embedding) gives, where the caller has it already. */
  predict(descriptors: Descriptors, members: readonly Float32Array[] = embedMembers(descriptors, this.json.embedding)): CategoryPrediction {
    const { k, references, referenceClasses, classes } = this.json;
    const heads = this.heads;
    if (heads) {
      // Softmax over the heads' summed logits; confidence is the winner's probability.
      const logits = new Array<number>(classes.length).fill(0);
      heads.forEach((head, m) => {
        const input = members[m];
        for (let c = 0; c < classes.length; c++) logits[c] += head.scale * head.weights[c].reduce((sum, w, d) => sum + w * input[d], 0) + head.bias[c];
      });
      const timbreWeight = this.json.timbreWeight ?? 0;
      if (timbreWeight > 0) {
        // A row analysed before the network existed lacks these: it simply gets no second opinion.
        for (let c = 0; c < classes.length; c++) logits[c] += timbreWeight * (descriptors[timbreDescriptorName(classes[c])] ?? 0);
      }
      const max = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - max));
      const total = exps.reduce((a, b) => a + b, 0);
      let winner = 0;
      for (let c = 1; c < exps.length; c++) if (exps[c] > exps[winner]) winner = c;
      return { category: classes[winner], confidence: exps[winner] / total };
    }
    const query = embedFromMembers(members, this.json.embedding);
    // Keep the k most similar references in a small sorted buffer.
    const best: { similarity: number; cls: number }[] = [];
    for (let i = 0; i < references.length; i++) {
      const vector = references[i];
      let similarity = 0;
      for (let d = 0; d < query.length; d++) similarity += vector[d] * query[d];
      if (best.length === k && similarity <= best[k - 1].similarity) continue;
      let at = best.length;
      while (at > 0 && best[at - 1].similarity < similarity) at--;
      best.splice(at, 0, { similarity, cls: referenceClasses[i] });
      if (best.length > k) best.pop();
    }
    // Vote weighted by similarity shifted to be positive (cosine is in [-1, 1]).
    const votes = new Array<number>(classes.length).fill(0);
    let total = 0;
    for (const { similarity, cls } of best) {
      votes[cls] += 1 + similarity;
      total += 1 + similarity;
    }
    let winner = 0;
    for (let c = 1; c < votes.length; c++) if (votes[c] > votes[winner]) winner = c;
    return { category: classes[winner], confidence: total > 0 ? votes[winner] / total : 0 };
  }

  predictMany(rows: readonly Descriptors[]): CategoryPrediction[] {
    return rows.map((row) => this.predict(row));
  }
}
