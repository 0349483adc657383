// Toy datasets and how to split them: one generator per file.
export {oneHot} from "./dataset.js";
export type {Dataset} from "./dataset.js";
export {spirals} from "./spirals.js";
export {moons} from "./moons.js";
export {circles} from "./circles.js";
export {xor} from "./xor.js";
export {blobs} from "./blobs.js";
export {regression1d, defaultRegressionFunction} from "./regression1d.js";
export type {RegressionDataset} from "./regression1d.js";
export {badlyScaled} from "./badlyScaled.js";
export {split} from "./split.js";
