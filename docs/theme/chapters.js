// The book's table of contents, in reading order. The sidebar (observablehq.config.ts) lists the
// chapters whose page exists; the home page lists them all and marks the rest "coming".
// To add a chapter, write docs/<path>.md and add (or keep) its line here.
export const chapters = [
  {path: "/neurons", title: "Neurons, losses and the engine", summary: "A neuron is a weighted sum and a squash; a loss says how wrong it is; backpropagation says which way to move every weight."},
  {path: "/normalization", title: "Input normalization", summary: "Centre and scale the inputs, and a long thin valley of a loss surface becomes a round bowl that gradient descent crosses in a few steps."},
  {path: "/initialization", title: "Weight initialization", summary: "Pick the starting weights' variance so that signals keep their size through every layer, in both directions."},
  {path: "/gradients", title: "Vanishing and exploding gradients", summary: "Why gradients shrink or blow up with depth, how to see it in a histogram, and what saturation, ReLU and clipping do about it."},
  {path: "/batch-norm", title: "Batch normalization", summary: "Normalize each layer's inputs over the mini-batch, then let the network learn the scale back: a deep net trains at a higher learning rate."},
  {path: "/optimizers", title: "Optimizers", summary: "From plain SGD to momentum, RMSProp and Adam: what each update remembers and where each one wins."},
  {path: "/regularization", title: "Dropout and regularization", summary: "Weight penalties, max-norm and dropout: trading a little training accuracy for a model that generalizes."},
  {path: "/hyperparameters", title: "Hyperparameter search", summary: "Learning rate on a log scale, random search beats grid search, and coarse-to-fine narrows the range."}
];

/** "How to use this notebook" comes first in the sidebar, before the chapters. */
export const preface = {path: "/notebook", title: "How to use this notebook"};
