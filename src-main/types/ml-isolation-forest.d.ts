// ml-isolation-forest ships no types; this is the part of its API we use.
declare module 'ml-isolation-forest' {
  export class IsolationForest {
    constructor(options?: { nEstimators?: number });
    train(trainingSet: number[][]): void;
    /** Anomaly score per row in [0, 1]; about 0.5 is ordinary, near 1 is anomalous. */
    predict(data: number[][]): number[];
  }
}
