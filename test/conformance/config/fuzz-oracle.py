"""Answer batches of inputs with Python/Supervisor's own functions, for differential tests.

stdin: JSON {"kind": "shlex"|"format"|"ini", "inputs": [...]}; stdout: JSON list of {"ok": value} or {"error": text}.
"""
import configparser
import json
import sys

from supervisor import datatypes
from supervisor.datatypes import dict_of_key_value_pairs
from supervisor.options import UnhosedConfigParser


def ini(text):
    parser = UnhosedConfigParser()
    parser.read_string(text, 'f.conf')
    return {s: {k: parser.get(s, k) for k in parser.options(s)} for s in parser.sections()}


CONVERTERS = {
    'boolean': datatypes.boolean,
    'integer': datatypes.integer,
    'byteSize': datatypes.byte_size,
    'octal': datatypes.octal_type,
    'signalNumber': datatypes.signal_number,
    'autoRestart': lambda v: {datatypes.RestartUnconditionally: 'true', datatypes.RestartWhenExitUnexpected: 'unexpected',
                              False: 'false'}[datatypes.auto_restart(v)],
    'exitCodes': datatypes.list_of_exitcodes,
    'inetAddress': lambda v: dict(zip(('host', 'port'), datatypes.inet_address(v))),
    'processOrGroupName': datatypes.process_or_group_name,
    'logLevel': lambda v: {50: 'critical', 40: 'error', 30: 'warn', 20: 'info', 10: 'debug', 5: 'trace',
                           3: 'blather'}[datatypes.logging_level(v)],
}


def run(kind, item):
    if kind == 'datatype':
        return CONVERTERS[item['converter']](item['value'])
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
