"""Answer batches of inputs with Python/Supervisor's own functions, for differential tests.

stdin: JSON {"kind": "shlex"|"format"|"ini", "inputs": [...]}; stdout: JSON list of {"ok": value} or {"error": text}.
"""
import configparser
import json
import sys

from supervisor.datatypes import dict_of_key_value_pairs
from supervisor.options import UnhosedConfigParser


def ini(text):
    parser = UnhosedConfigParser()
    parser.read_string(text, 'f.conf')
    return {s: {k: parser.get(s, k) for k in parser.options(s)} for s in parser.sections()}


def run(kind, item):
    if kind == 'shlex':
        return dict_of_key_value_pairs(item)
    if kind == 'format':
        return item['format'] % item['names']
    return ini(item)


def main():
    request = json.load(sys.stdin)
    out = []
    for item in request['inputs']:
        try:
            out.append({'ok': run(request['kind'], item)})
        except (ValueError, TypeError, KeyError, configparser.Error) as e:
            out.append({'error': type(e).__name__ + ': ' + str(e)})
    json.dump(out, sys.stdout)


main()
