import torch.nn as nn

# The book's small CNN for 1×28×28 digits (chapter 7): the Lab's trunk with an
# FC head and dropout. It outputs 10 logits; the softmax is applied by the loss
# (nn.CrossEntropyLoss) during training and by hand when predicting.
model = nn.Sequential(
    nn.Conv2d(1, 8, 5, padding=2),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 5, padding=2),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(16 * 7 * 7, 64),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(64, 10),
)
