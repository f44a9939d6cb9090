// The category model: a random forest over standardised descriptors predicting the 18 TAXONOMY
// categories. Trained by scripts/train, shipped as resources/category-model.json.
import { RandomForestClassifier } from 'ml-random-forest';
import type { Descriptors } from '../../../src-shared/sample.js';
import { CATEGORIES, isCategory, type Category } from '../../../src-shared/taxonomy.js';
import { standardise, transformProblem, type FeatureTransform } from '../embed/features.js';

export const CATEGORY_MODEL_FILE = 'category-model.json';
export const CATEGORY_MODEL_VERSION = 1;

export interface CategoryPrediction {
  category: Category;
  /** Fraction of trees voting for the category, 0..1. */
  confidence: number;
}

/** What the JSON file holds. */
export interface CategoryModelJson extends FeatureTransform {
  version: number;
  /** Class index used by the forest → category name. */
  classes: Category[];
  trainedOn: string;
  forest: ReturnType<RandomForestClassifier['toJSON']>;
}

export class CategoryModel {
  private readonly logFeatures: ReadonlySet<string>;

  private constructor(
    private readonly json: CategoryModelJson,
    private readonly forest: RandomForestClassifier,
  ) {
    this.logFeatures = new Set(json.logFeatures);
  }

  static fromJSON(json: unknown): CategoryModel {
    if (typeof json !== 'object' || json === null) throw new Error('invalid category model: not an object');
    const model = json as Partial<CategoryModelJson>;
    if (model.version !== CATEGORY_MODEL_VERSION) throw new Error(`invalid category model: version ${String(model.version)}, expected ${CATEGORY_MODEL_VERSION}`);
    const problem = transformProblem(model);
    if (problem) throw new Error(`invalid category model: ${problem}`);
    if (!Array.isArray(model.classes) || model.classes.length === 0 || !model.classes.every((c) => typeof c === 'string' && isCategory(c))) {
      throw new Error(`invalid category model: classes must be names from ${CATEGORIES.join(', ')}`);
    }
    if (typeof model.forest !== 'object' || model.forest === null || model.forest.name !== 'RFClassifier') throw new Error('invalid category model: forest is not a random-forest classifier');
    return new CategoryModel(model as CategoryModelJson, RandomForestClassifier.load(model.forest));
  }

  /** Builds a model from a freshly trained forest (the trainer's path; same object the JSON round-trips to). */
  static fromTrained(transform: FeatureTransform, classes: Category[], forest: RandomForestClassifier, trainedOn: string): CategoryModel {
    return new CategoryModel({ ...transform, version: CATEGORY_MODEL_VERSION, classes, trainedOn, forest: forest.toJSON() }, forest);
  }

  toJSON(): CategoryModelJson {
    return this.json;
  }

  get classes(): readonly Category[] {
    return this.json.classes;
  }

  /** Standardised feature vector the forest reads (exposed for the trainer's evaluation). */
  features(descriptors: Descriptors): number[] {
    return Array.from(standardise(descriptors, this.json, this.logFeatures));
  }

  predict(descriptors: Descriptors): CategoryPrediction {
    return this.predictMany([descriptors])[0];
  }

  predictMany(rows: readonly Descriptors[]): CategoryPrediction[] {
    if (rows.length === 0) return [];
    const votes = this.forest.predictionValues(rows.map((d) => this.features(d)));
    return rows.map((_, r) => {
      const counts = new Map<number, number>();
      const treeVotes = votes.getRow(r);
      for (const vote of treeVotes) counts.set(vote, (counts.get(vote) ?? 0) + 1);
      let bestClass = 0;
      let bestCount = -1;
      // Ties go to the lower class index so predictions are deterministic.
      for (const [cls, count] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
        if (count > bestCount) {
          bestClass = cls;
          bestCount = count;
        }
      }
      return { category: this.json.classes[bestClass], confidence: bestCount / treeVotes.length };
    });
  }
}
