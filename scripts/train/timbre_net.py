"""Trains the timbre network (src-main/core/analyse/timbre-net.ts) with PyTorch on the CPU.

Called by scripts/train/timbre-net.ts, which writes DIR/inputs.f32 (N x 40 x 96 float32 log-mel dB,
as timbreInput gives them) and DIR/job.json (labels, pack groups, the models to train and the
options). Writes DIR/<name>.json per model in timbre-net.json's format: 'final' trains on every
training row, 'fold-<group>' on every training row outside that pack group (leave-one-pack-out).

Reproducible: seeded, deterministic algorithms, a fixed thread count. PyTorch 1.13 (Debian's
python3-torch); nothing here downloads anything.
"""
import json
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


CHECK_ROWS = 8


class TimbreNet(nn.Module):
    def __init__(self, bands, channels, hidden, classes, drop_in, dropout):
        super().__init__()
        convs, norms, width = [], [], 1
        for c in channels:
            convs.append(nn.Conv2d(width, c, 3, padding=1))
            norms.append(nn.BatchNorm2d(c))
            width = c
        self.convs, self.norms = nn.ModuleList(convs), nn.ModuleList(norms)
        rows = bands // 2 ** len(channels)
        self.drop_in = nn.Dropout(drop_in)
        self.fc1 = nn.Linear(2 * width * rows, hidden)
        self.drop = nn.Dropout(dropout)
        self.fc2 = nn.Linear(hidden, classes)

    def forward(self, x):
        for conv, norm in zip(self.convs, self.norms):
            x = F.max_pool2d(F.relu(norm(conv(x))), 2)
        # Pool time away, keep frequency rows: every channel's row means, then its row maxima.
        x = torch.cat([x.mean(3), x.amax(3)], 1).flatten(1)
        return self.fc2(self.drop(F.relu(self.fc1(self.drop_in(x)))))


def normalise(inputs, range_db):
    """As normaliseTimbreInput: dB below each input's loudest cell, floored, mapped to 0..1."""
    loudest = inputs.reshape(len(inputs), -1).max(1)[:, None, None]
    return np.clip(inputs - loudest, -range_db, 0) / range_db + 1


def augment(batch, rng):
    """Shift late by 0-3 frames and by -1..1 mel band, and blank a few bands of each example."""
    out = batch.clone()
    shift = int(rng.integers(0, 4))
    if shift:
        out[:, :, :, shift:] = batch[:, :, :, :-shift]
        out[:, :, :, :shift] = 0
    band = int(rng.integers(-1, 2))
    if band > 0:
        out[:, :, band:, :] = out[:, :, :-band, :].clone()
        out[:, :, :band, :] = 0
    elif band < 0:
        out[:, :, :band, :] = out[:, :, -band:, :].clone()
    bands = out.shape[2]
    for i in range(out.shape[0]):
        first = int(rng.integers(0, bands - 4))
        out[i, :, first:first + int(rng.integers(0, 5)), :] = 0
    return out


def train(x, y, rows, options, classes):
    torch.manual_seed(options['seed'])
    rng = np.random.default_rng(options['seed'])
    net = TimbreNet(x.shape[2], options['channels'], options['hidden'], classes, options['dropIn'], options['dropout'])
    epochs, batch = options['epochs'], options['batchSize']
    steps = epochs * ((len(rows) + batch - 1) // batch)
    optimiser = torch.optim.AdamW(net.parameters(), lr=options['learningRate'], weight_decay=options['weightDecay'])
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=options['learningRate'], total_steps=steps)
    xs, ys = x[rows], y[rows]
    for _ in range(epochs):
        net.train()
        order = torch.from_numpy(rng.permutation(len(rows)))
        for start in range(0, len(rows), batch):
            picked = order[start:start + batch]
            loss = F.cross_entropy(net(augment(xs[picked], rng)), ys[picked], label_smoothing=options['labelSmoothing'])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return net.eval()


def rounded(values, digits=6):
    return [float(f'{v:.{digits}g}') for v in values]


def to_json(net, job):
    """timbre-net.json: batch norm folded into each convolution's weights and bias."""
    convs = []
    for conv, norm in zip(net.convs, net.norms):
        scale = (norm.weight / torch.sqrt(norm.running_var + norm.eps)).detach()
        weights = conv.weight.detach() * scale[:, None, None, None]
        bias = (conv.bias.detach() - norm.running_mean) * scale + norm.bias.detach()
        convs.append({'inChannels': conv.in_channels, 'outChannels': conv.out_channels, 'weights': rounded(weights.flatten().tolist()), 'bias': rounded(bias.tolist())})
    dense = [{'weights': [rounded(row) for row in fc.weight.detach().tolist()], 'bias': rounded(fc.bias.detach().tolist())} for fc in (net.fc1, net.fc2)]
    return {'version': job['version'], 'input': job['input'], 'convs': convs, 'dense': dense, 'classes': job['classes'], 'trainedOn': ''}


def main(folder):
    job = json.load(open(f'{folder}/job.json'))
    options = job['options']
    torch.set_num_threads(options['threads'])
    torch.use_deterministic_algorithms(True)
    bands, frames = job['input']['bands'], job['input']['frames']
    raw = np.fromfile(f'{folder}/inputs.f32', dtype=np.float32).reshape(-1, bands, frames)
    x = torch.from_numpy(normalise(raw, job['input']['rangeDb']).astype(np.float32)).unsqueeze(1)
    y = torch.tensor([job['classes'].index(c) for c in job['categories']])
    groups = np.array(job['groups'])
    for name in job['models']:
        held_out = name[len('fold-'):] if name.startswith('fold-') else None
        rows = np.where(groups != held_out)[0] if held_out else np.arange(len(groups))
        net = train(x, y, rows, options, len(job['classes']))
        with open(f'{folder}/{name}.json', 'w') as out:
            json.dump(to_json(net, job), out)
        # What PyTorch gives for the first rows, so the TypeScript forward pass can be checked against it.
        with torch.no_grad():
            check = torch.log_softmax(net(x[:CHECK_ROWS]), 1)
        with open(f'{folder}/{name}.check.json', 'w') as out:
            json.dump(check.tolist(), out)
        print(f'  timbre network {name}: {len(rows)} examples', flush=True)


if __name__ == '__main__':
    main(sys.argv[1])
