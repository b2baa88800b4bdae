import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, encodeCall, RpcFault } from '../../../bench/lib/xmlrpc.js';

test('decodes a struct array the way Supervisor sends getAllProcessInfo', () => {
  const xml = `<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><array><data>
<value><struct>
<member>
<name>name</name>
<value><string>p&amp;1</string></value>
</member>
<member>
<name>pid</name>
<value><int>42</int></value>
</member>
<member>
<name>ok</name>
<value><boolean>1</boolean></value>
</member>
<member>
<name>bare</name>
<value>text</value>
</member>
<member>
<name>empty</name>
<value><string></string></value>
</member>
</struct></value>
</data></array></value>
</param>
</params>
</methodResponse>`;
  assert.deepEqual(decodeResponse(xml), [{ name: 'p&1', pid: 42, ok: true, bare: 'text', empty: '' }]);
});

test('a fault becomes an RpcFault with code and text', () => {
  const xml = `<?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>10</int></value></member><member><name>faultString</name><value><string>BAD_NAME: x</string></value></member></struct></value></fault></methodResponse>`;
  assert.throws(() => decodeResponse(xml), (err: unknown) => err instanceof RpcFault && err.code === 10 && err.faultString === 'BAD_NAME: x');
});

test('encodes parameters with escaping', () => {
  const body = encodeCall('supervisor.startProcess', ['a<b', true, 3]);
  assert.match(body, /<methodName>supervisor.startProcess<\/methodName>/);
  assert.match(body, /<string>a&lt;b<\/string>.*<boolean>1<\/boolean>.*<int>3<\/int>/);
});

test('a response without a value is reported, not crashed on', () => {
  assert.throws(() => decodeResponse('<methodResponse></methodResponse>'), /no <value>/);
});
