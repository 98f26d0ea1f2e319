#!/usr/bin/env python3
"""How right each confidence level of whosaid's attributions is, on a gold set.

    python3 .ci/calibrate.py GOLD.jsonl [GOLD.jsonl ...] [--bin target/release/whosaid]
                             [--fail-high-under 0.97]

Runs `whosaid extract --format jsonl` on the gold articles through the evaluation script's own
runner, matches predictions to gold quotes the way it does (a gold quote takes the unmatched
prediction covering most of it, above 0.3), and prints, per confidence level and per basis, how
many matched quotes carry it and how often their speaker names the gold speaker. Exits 1 when a
`high` level is right less often than --fail-high-under on any of the sets.
"""
import argparse
import json
import os
import sys
from collections import Counter


def load_scorer(path):
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    import score  # noqa: E402  (the evaluation script, beside the gold sets)
    return score


def tally(score, articles, preds):
    by_level, by_basis = Counter(), Counter()
    right_level, right_basis = Counter(), Counter()
    for a in articles:
        text = a['text']
        b2c = score.byte_to_char(text)
        plist = []
        for q in preds.get(a['id'], []):
            s, e = b2c.get(q['start']), b2c.get(q['end'])
            if s is None or e is None:
                continue
            plist.append(dict(span=score.trim(text, s, e), q=q))
        unmatched = list(plist)
        for g in a['quotes']:
            gs = score.trim(text, g['start'], g['end'])
            best, best_score = None, 0.3
            for p in unmatched:
                c = score.cover(gs, p['span'])
                if c > best_score:
                    best, best_score = p, c
            if best is None:
                continue
            unmatched.remove(best)
            q = best['q']
            if not q.get('speaker'):
                continue
            ok = score.same_person(q['speaker'], g['reference'])
            level = q.get('confidence') or 'none'
            basis = (q.get('basis') or 'none') + ('/' + level if os.environ.get('CALIBRATE_PAIRS') else '')
            by_level[level] += 1
            by_basis[basis] += 1
            right_level[level] += ok
            right_basis[basis] += ok
    return by_level, right_level, by_basis, right_basis


def table(title, counts, right, order):
    total = sum(counts.values()) or 1
    print(f'| {title} | quotes | share | speaker right |')
    print('| --- | ---: | ---: | ---: |')
    for k in order + sorted(set(counts) - set(order)):
        if counts[k]:
            print(f'| {k} | {counts[k]} | {counts[k] / total:.1%} | {right[k] / counts[k]:.3f} |')
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gold', nargs='+')
    ap.add_argument('--bin', default='target/release/whosaid')
    ap.add_argument('--fail-high-under', type=float, default=None)
    args = ap.parse_args()
    score = load_scorer(args.gold[0])
    short = []
    for path in args.gold:
        articles = [json.loads(line) for line in open(path, encoding='utf-8') if line.strip()]
        preds, _ = score.run_binary(args.bin, articles)
        by_level, right_level, by_basis, right_basis = tally(score, articles, preds)
        print(f'## {os.path.basename(path)} (matched quotes with a speaker)\n')
        table('confidence', by_level, right_level, ['high', 'medium', 'low'])
        table('basis', by_basis, right_basis,
              ['named', 'pronoun', 'description', 'continued', 'knowledge'])
        if args.fail_high_under is not None and by_level['high']:
            acc = right_level['high'] / by_level['high']
            if acc < args.fail_high_under:
                short.append(f'{os.path.basename(path)}: high {acc:.3f} < {args.fail_high_under}')
    if short:
        print('below the required calibration: ' + '; '.join(short))
        sys.exit(1)


if __name__ == '__main__':
    main()
