// Unit tests: the one-line report of unexpected errors names the Python class Supervisor would show.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeUnexpectedError } from '../../../src/ctl/python-errors.js';
import {
  RpcFaultError,
  RpcProtocolError,
  RpcConnectionError,
  UnknownProtocolError,
} from '../../../src/rpc/client.js';

const shape = (line: string) => line.replace(/: file: .* line: \d+$/, ': file: F line: L');

describe('describeUnexpectedError', () => {
  it('phrases RPC failures like xmlrpc.client / socket errors', () => {
    assert.equal(
      shape(describeUnexpectedError(new RpcFaultError(30, 'FAILED: x'))),
      "error: <class 'xmlrpc.client.Fault'>, <Fault 30: 'FAILED: x'>: file: F line: L",
    );
    assert.equal(
      shape(describeUnexpectedError(new RpcProtocolError('127.0.0.1/RPC2', 401, 'Unauthorized'))),
      "error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>: file: F line: L",
    );
    assert.equal(
      shape(describeUnexpectedError(new RpcConnectionError('ECONNREFUSED', 111, 'connect ECONNREFUSED 127.0.0.1:1'))),
      "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused: file: F line: L",
    );
    assert.equal(
      shape(describeUnexpectedError(new RpcConnectionError('ENOENT', 2, 'connect ENOENT /x'))),
      "error: <class 'FileNotFoundError'>, [Errno 2] No such file or directory: file: F line: L",
    );
    assert.equal(
      shape(describeUnexpectedError(new UnknownProtocolError('localhost:9001'))),
      "error: <class 'ValueError'>, Unknown protocol for serverurl localhost:9001: file: F line: L",
    );
  });
  it('points file and line at where the error was raised', () => {
    assert.match(describeUnexpectedError(new Error('boom')), /^error: <class 'Error'>, boom: file: \/.*python-errors\.test\.ts line: \d+$/);
    assert.equal(describeUnexpectedError('text'), "error: <class 'Exception'>, text: file: supervisorctl line: 0");
  });
});
