"""PyTorch-on-CPU peer for bench/tensor.bench.ts (issue 6).

Runs the same cases with the same shapes as the TypeScript side and prints one JSON object {case: median ms}.
The transformer is written by hand with the same layout as models/transformer/network.ts (pre-LayerNorm, causal
attention, ReLU MLP of width 4d, untied output head), not nn.TransformerEncoderLayer, so both sides do the same work.
Threads are left at torch's default (1 on this 2-vCPU VM: shared/research/compute.md section 3 shows that 2 threads
oversubscribe with OpenBLAS and make the transformer step 4x slower).

Run: /usr/bin/python3 bench/peers/torch_tensor.py [min_seconds=1.0] [--serve]
With --serve it reads one case name per line on stdin and answers one JSON line {"case", "ms"} each, so the
TypeScript bench can interleave ours and the peer's case by case (load on a shared machine then hits both alike).
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F


def median_ms(fn, min_seconds):
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < min_seconds and len(times) < 200):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def matmul_case():
    a = torch.randn(1024, 1024)
    b = torch.randn(1024, 1024)
    return lambda: torch.mm(a, b)


def mlp_case():
    torch.manual_seed(0)
    w1 = (torch.randn(512, 512) * 0.04).requires_grad_()
    b1 = torch.zeros(512, requires_grad=True)
    w2 = (torch.randn(512, 10) * 0.04).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    x = torch.randn(256, 512)
    y = torch.randint(0, 10, (256,))
    opt = torch.optim.Adam([w1, b1, w2, b2], lr=1e-3)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(torch.relu(x @ w1 + b1) @ w2 + b2, y)
        loss.backward()
        opt.step()
        return loss.item()
    return step


class TinyGpt(torch.nn.Module):
    def __init__(self, vocab, d, layers, heads, context):
        super().__init__()
        self.heads = heads
        self.tok = torch.nn.Embedding(vocab, d)
        self.pos = torch.nn.Parameter(torch.randn(context, d) * 0.02)
        self.blocks = torch.nn.ModuleList()
        for _ in range(layers):
            self.blocks.append(torch.nn.ModuleDict({
                'ln1': torch.nn.LayerNorm(d), 'q': torch.nn.Linear(d, d, bias=False), 'k': torch.nn.Linear(d, d, bias=False),
                'v': torch.nn.Linear(d, d, bias=False), 'o': torch.nn.Linear(d, d), 'ln2': torch.nn.LayerNorm(d),
                'fc1': torch.nn.Linear(d, 4 * d), 'fc2': torch.nn.Linear(4 * d, d)}))
        self.lnf = torch.nn.LayerNorm(d)
        self.head = torch.nn.Linear(d, vocab)
        self.register_buffer('mask', torch.triu(torch.full((context, context), -1e9), diagonal=1))

    def forward(self, ids, start=0, cache=None):
        """Logits for ids at positions start.. ; with cache (list of (k, v) per layer) attends to earlier positions too.
        Returns (logits, new_cache), like forwardCached in models/transformer/network.ts."""
        b, t = ids.shape
        x = self.tok(ids) + self.pos[start:start + t]
        h, dh = self.heads, x.shape[-1] // self.heads
        new_cache = []
        for i, blk in enumerate(self.blocks):
            a = blk['ln1'](x)
            q = blk['q'](a).view(b, t, h, dh).transpose(1, 2)
            k = blk['k'](a).view(b, t, h, dh).transpose(1, 2)
            v = blk['v'](a).view(b, t, h, dh).transpose(1, 2)
            if cache is not None:
                k = torch.cat([cache[i][0], k], dim=2)
                v = torch.cat([cache[i][1], v], dim=2)
            new_cache.append((k, v))
            w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh) + self.mask[start:start + t, :start + t], dim=-1)
            x = x + blk['o']((w @ v).transpose(1, 2).reshape(b, t, h * dh))
            x = x + blk['fc2'](torch.relu(blk['fc1'](blk['ln2'](x))))
        return self.head(self.lnf(x)), new_cache


def transformer_case():
    torch.manual_seed(0)
    model = TinyGpt(512, 128, 2, 4, 64)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ids = torch.randint(0, 512, (16, 64))
    targets = torch.randint(0, 512, (16, 64))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(ids)[0].reshape(-1, 512), targets.reshape(-1))
        loss.backward()
        opt.step()
        return loss.item()
    return step


def softmax_case():
    x = torch.randn(4096, 8192)
    return lambda: torch.softmax(x, dim=-1)


def sample_case():
    x = torch.randn(4096, 8192)
    return lambda: torch.multinomial(torch.softmax(x, dim=-1), 1)


def sampling_case():
    torch.manual_seed(0)
    model = TinyGpt(512, 128, 2, 4, 64)
    model.eval()

    def run():
        # Key/value cache, as tinyTransformer.sample: the 2-token prompt once, then one position per new token.
        with torch.no_grad():
            ids = torch.zeros(64, 2, dtype=torch.long)
            logits, cache = model(ids)
            out = [ids]
            start = 2
            for step in range(32):
                nxt = torch.multinomial(torch.softmax(logits[:, -1], dim=-1), 1)
                out.append(nxt)
                if step < 31:
                    logits, cache = model(nxt, start, cache)
                    start += 1
        return torch.cat(out, dim=1)
    return run


CASES = {
    'matMul 1024': matmul_case,
    'MLP step': mlp_case,
    'transformer step': transformer_case,
    'softmax 4096x8192': softmax_case,
    'softmax + multinomial 4096x8192': sample_case,
    'tinyTransformer sample 64x32 tokens': sampling_case,
}


def serve(min_seconds):
    print(json.dumps({'_threads': torch.get_num_threads(), '_version': torch.__version__}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        ms = median_ms(CASES[name](), min_seconds) if name in CASES else None
        print(json.dumps({'case': name, 'ms': ms}), flush=True)


def main():
    args = [a for a in sys.argv[1:] if a != '--serve']
    min_seconds = float(args[0]) if args else 1.0
    if '--serve' in sys.argv:
        serve(min_seconds)
        return
    out = {name: median_ms(make(), min_seconds) for name, make in CASES.items()}
    out['_threads'] = torch.get_num_threads()
    out['_version'] = torch.__version__
    print(json.dumps(out))


if __name__ == '__main__':
    main()
