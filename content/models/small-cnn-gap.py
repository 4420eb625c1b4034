import torch.nn as nn

# The same trunk as small-cnn.py with a global-average-pooling head (chapter 7):
# one average per channel, then one Linear from 16 channels to 10 logits. It
# accepts digits of any size, 28×28 or larger.
model = nn.Sequential(
    nn.Conv2d(1, 8, 5, padding=2),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 5, padding=2),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(16, 10),
)
