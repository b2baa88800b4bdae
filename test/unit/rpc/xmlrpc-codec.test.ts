import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  XmlRpcDouble,
  XmlRpcEncodeError,
  XmlRpcParseError,
  decodeXmlBody,
  parseMethodCall,
  parseMethodResponse,
  serializeFault,
  serializeMethodCall,
  serializeMethodResponse,
  type XmlRpcValue,
} from '../../../src/rpc/xmlrpc-codec.js';

const PY = '/usr/bin/python3';

function pythonDumps(expr: string): string {
  const script = `import sys, xmlrpc.client as x, datetime\nsys.stdout.write(${expr})`;
  return execFileSync(PY, ['-c', script], { encoding: 'utf8' });
}

const SAMPLE: XmlRpcValue = {
  name: 'cat',
  group: 'grp',
  pid: 1234,
  flag: true,
  off: false,
  text: 'a < b && c > d',
  unicode: 'héllo ✓',
  list: [1, 'two', [], {}],
  nested: { deeper: [{ x: -5 }] },
  ratio: new XmlRpcDouble(0.25),
  when: new Date(Date.UTC(2021, 11, 31, 23, 59, 58)),
  blob: Buffer.from('x'.repeat(100)),
};
const SAMPLE_PY =
  "{'name':'cat','group':'grp','pid':1234,'flag':True,'off':False,'text':'a < b && c > d'," +
  "'unicode':'héllo ✓','list':[1,'two',[],{}],'nested':{'deeper':[{'x':-5}]},'ratio':0.25," +
  "'when':datetime.datetime(2021,12,31,23,59,58),'blob':x.Binary(b'x'*100)}";

test('method responses are byte-identical to Python xmlrpc.client.dumps', (t) => {
  if (!existsSync(PY)) return t.skip('no /usr/bin/python3');
  assert.equal(serializeMethodResponse(SAMPLE), pythonDumps(`x.dumps((${SAMPLE_PY},), methodresponse=True)`));
  assert.equal(serializeMethodResponse([]), pythonDumps('x.dumps(([],), methodresponse=True)'));
  assert.equal(serializeMethodResponse(''), pythonDumps("x.dumps(('',), methodresponse=True)"));
});

test('faults and method calls are byte-identical to Python', (t) => {
  if (!existsSync(PY)) return t.skip('no /usr/bin/python3');
  assert.equal(serializeFault(10, 'BAD_NAME: foo'), pythonDumps("x.dumps(x.Fault(10, 'BAD_NAME: foo'))"));
  assert.equal(
    serializeMethodCall('supervisor.startProcess', ['foo', false]),
    pythonDumps("x.dumps(('foo', False), 'supervisor.startProcess')"),
  );
  assert.equal(serializeMethodCall('system.listMethods', []), pythonDumps("x.dumps((), 'system.listMethods')"));
});

test('Python can parse what we emit and we can parse what Python emits', (t) => {
  if (!existsSync(PY)) return t.skip('no /usr/bin/python3');
  const pythonCall = pythonDumps(`x.dumps((${SAMPLE_PY}, 7), 'ns.m')`);
  const parsed = parseMethodCall(pythonCall);
  assert.equal(parsed.methodName, 'ns.m');
  assert.equal(parsed.params[1], 7);
  const first = parsed.params[0] as Record<string, XmlRpcValue>;
  assert.equal(first.text, 'a < b && c > d');
  assert.equal(first.ratio, 0.25, '<double> decodes to a plain number');
  assert.deepEqual(first.blob, Buffer.from('x'.repeat(100)));
  assert.equal((first.when as Date).toISOString(), '2021-12-31T23:59:58.000Z');
  const roundTrip = execFileSync(PY, ['-c', 'import sys, xmlrpc.client as x; print(repr(x.loads(sys.stdin.read())[0][0]["unicode"]))'], {
    input: serializeMethodResponse(SAMPLE),
    encoding: 'utf8',
  });
  assert.equal(roundTrip.trim(), "'héllo ✓'");
});

test('round trip of every value type', () => {
  const values: XmlRpcValue[] = [0, -2147483648, 2147483647, true, '', '  spaced  ', 'line\nbreak', [], {}, [[[1]]]];
  for (const v of values) {
    const out = parseMethodResponse(serializeMethodResponse(v));
    assert.deepEqual(out, { kind: 'value', value: v });
  }
  assert.deepEqual(parseMethodResponse(serializeFault(2, 'INCORRECT_PARAMETERS')), {
    kind: 'fault',
    faultCode: 2,
    faultString: 'INCORRECT_PARAMETERS',
  });
});

test('untyped values are strings, params may be missing, entities and CDATA decode', () => {
  const call = parseMethodCall(
    "<?xml version='1.0'?><methodCall><methodName>a.b</methodName><params>" +
      '<param><value> raw &amp; &#65;&#x42; </value></param>' +
      '<param><value><string><![CDATA[<x>&amp;]]></string></value></param>' +
      '<param><value><i4> 42 </i4></value></param>' +
      '<param><value><string/></value></param>' +
      '<param><value></value></param>' +
      '</params></methodCall>',
  );
  assert.deepEqual(call.params, [' raw & AB ', '<x>&amp;', 42, '', '']);
  assert.deepEqual(parseMethodCall('<methodCall><methodName>x.y</methodName></methodCall>'), {
    methodName: 'x.y',
    params: [],
  });
});

test('struct keys cannot pollute prototypes', () => {
  const call = parseMethodCall(
    '<methodCall><methodName>a.b</methodName><params><param><value><struct>' +
      '<member><name>__proto__</name><value><string>evil</string></value></member>' +
      '</struct></value></param></params></methodCall>',
  );
  const struct = call.params[0] as Record<string, XmlRpcValue>;
  assert.equal(Object.getPrototypeOf(struct), Object.prototype);
  assert.equal(Object.keys(struct).join(), '__proto__');
  assert.equal(({} as Record<string, unknown>).evil, undefined);
});

test('encoder strips XML-illegal characters and refuses non-int numbers', () => {
  const xml = serializeMethodResponse('a\x00b\x07c\td\n');
  assert.match(xml, /<string>abc\td\n<\/string>/);
  assert.throws(() => serializeMethodResponse(1.5), XmlRpcEncodeError);
  assert.throws(() => serializeMethodResponse(2 ** 31), XmlRpcEncodeError);
  const cyclic: XmlRpcValue[] = [];
  cyclic.push(cyclic);
  assert.throws(() => serializeMethodResponse(cyclic), XmlRpcEncodeError);
});

const HOSTILE: Array<[string, string]> = [
  ['doctype', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>a.b</methodName></methodCall>'],
  ['xxe', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><methodCall><methodName>&e;</methodName></methodCall>'],
  ['undefined entity', '<methodCall><methodName>a.b&foo;</methodName></methodCall>'],
  ['malformed', '<methodCall><methodName>a.b</methodName>'],
  ['not xml', 'hello world'],
  ['empty', ''],
  ['no method name', '<methodCall><params/></methodCall>'],
  ['empty method name', '<methodCall><methodName></methodName></methodCall>'],
  ['wrong root', '<methodResponse><params/></methodResponse>'],
  ['huge int', '<methodCall><methodName>a.b</methodName><params><param><value><int>99999999999</int></value></param></params></methodCall>'],
  ['bad int', '<methodCall><methodName>a.b</methodName><params><param><value><int>12x</int></value></param></params></methodCall>'],
  ['bad base64', '<methodCall><methodName>a.b</methodName><params><param><value><base64>!!!</base64></value></param></params></methodCall>'],
  ['bad boolean', '<methodCall><methodName>a.b</methodName><params><param><value><boolean>yes</boolean></value></param></params></methodCall>'],
  ['bad double', '<methodCall><methodName>a.b</methodName><params><param><value><double>1.2.3</double></value></param></params></methodCall>'],
  ['bad date', '<methodCall><methodName>a.b</methodName><params><param><value><dateTime.iso8601>2020</dateTime.iso8601></value></param></params></methodCall>'],
  ['unknown type', '<methodCall><methodName>a.b</methodName><params><param><value><foo>1</foo></value></param></params></methodCall>'],
  ['two roots', '<methodCall><methodName>a.b</methodName></methodCall><methodCall/>'],
  ['member without value', '<methodCall><methodName>a.b</methodName><params><param><value><struct><member><name>k</name></member></struct></value></param></params></methodCall>'],
];

for (const [label, xml] of HOSTILE) {
  test(`hostile input rejected with XmlRpcParseError: ${label}`, () => {
    assert.throws(() => parseMethodCall(xml), XmlRpcParseError);
  });
}

test('deep nesting is rejected quickly without blowing the stack', () => {
  for (const depth of [150, 100_000]) {
    const xml =
      '<methodCall><methodName>a.b</methodName><params><param>' +
      '<value><array><data>'.repeat(depth) +
      '</data></array></value>'.repeat(depth) +
      '</param></params></methodCall>';
    const started = Date.now();
    assert.throws(() => parseMethodCall(xml), XmlRpcParseError);
    assert.ok(Date.now() - started < 1000, `depth ${depth} took too long`);
  }
  const ok =
    '<methodCall><methodName>a.b</methodName><params><param>' +
    '<value><array><data>'.repeat(50) +
    '</data></array></value>'.repeat(50) +
    '</param></params></methodCall>';
  assert.equal(parseMethodCall(ok).params.length, 1);
});

test('large flat documents parse in linear time; CDATA is text', () => {
  const many = '<methodCall><methodName>a.b</methodName><params><param><value><array><data>' +
    '<value><i4>1</i4></value>'.repeat(100_000) + '</data></array></value></param></params></methodCall>';
  const started = Date.now();
  assert.equal((parseMethodCall(many).params[0] as number[]).length, 100_000);
  assert.ok(Date.now() - started < 10_000);
  const cdata = '<methodCall><methodName>a.b</methodName><params><param><value><string><![CDATA[' +
    '<a>'.repeat(1000) + ']]></string></value></param></params></methodCall>';
  assert.equal(parseMethodCall(cdata).params[0], '<a>'.repeat(1000));
});

test('raw control characters from a real supervisord are tolerated', () => {
  const fromPython = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>\x1b[31mred\x1b[0m\x07</string></value>\n</param>\n</params>\n</methodResponse>\n";
  assert.deepEqual(parseMethodResponse(fromPython), { kind: 'value', value: '\x1b[31mred\x1b[0m\x07' });
});

test('XML well-formedness is enforced', () => {
  const bad = [
    '<methodCall><methodName>a.b</methodName></methodcall>',
    '<methodCall><methodName>a.b</methodName>',
    '<methodCall><methodName>a<b</methodName></methodCall>',
    '<methodCall x=1><methodName>a.b</methodName></methodCall>',
    'junk<methodCall><methodName>a.b</methodName></methodCall>',
    '<methodCall><methodName>a.b</methodName><params><param><value><string>x</string>y</value></param></params></methodCall>',
    '<methodCall><methodName>a.b</methodName><params><param><value><int>1</int><int>2</int></value></param></params></methodCall>',
    '<methodResponse><params/><fault><value><struct/></value></fault></methodResponse>',
  ];
  for (const xml of bad) assert.throws(() => (xml.startsWith('<methodResponse') ? parseMethodResponse(xml) : parseMethodCall(xml)), XmlRpcParseError, xml);
  const ok = "<?xml version='1.0'?>\n<!-- hi --><methodCall a='1' b=\"2\"><methodName>a.b</methodName><?pi x?></methodCall>\n";
  assert.equal(parseMethodCall(ok).methodName, 'a.b');
});

test('body decoding: UTF-8 strict, Latin-1 when declared', () => {
  assert.equal(decodeXmlBody(Buffer.from('<a>é</a>')), '<a>é</a>');
  assert.throws(() => decodeXmlBody(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe])), XmlRpcParseError);
  const latin = Buffer.concat([Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?><a>"), Buffer.from([0xe9]), Buffer.from('</a>')]);
  assert.equal(decodeXmlBody(latin).endsWith('<a>é</a>'), true);
  assert.throws(() => decodeXmlBody(Buffer.from("<?xml version='1.0' encoding='EBCDIC'?><a/>")), XmlRpcParseError);
});

test('fuzz: mutated documents only ever fail with XmlRpcParseError', () => {
  const seeds = [
    serializeMethodCall('supervisor.startProcess', ['cat', true]),
    serializeMethodCall('system.multicall', [[{ methodName: 'a.b', params: [1, 'x', Buffer.from('hi')] }]]),
    serializeMethodResponse(SAMPLE),
    serializeFault(10, 'BAD_NAME: x'),
  ];
  let state = 12345;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const alphabet = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', 'a', '\x01', ']]>', '<![CDATA[', '<!--', '<?', '&#0;', '&amp;', 'value', 'struct'];
  for (let round = 0; round < 3000; round++) {
    let doc = seeds[rand(seeds.length)];
    for (let k = 0; k <= rand(4); k++) {
      const at = rand(doc.length + 1);
      const op = rand(3);
      if (op === 0) doc = doc.slice(0, at) + alphabet[rand(alphabet.length)] + doc.slice(at);
      else if (op === 1) doc = doc.slice(0, at) + doc.slice(at + 1 + rand(8));
      else doc = doc.slice(0, at) + doc.slice(rand(doc.length));
    }
    for (const parse of [parseMethodCall, parseMethodResponse]) {
      try {
        parse(doc);
      } catch (err) {
        assert.ok(err instanceof XmlRpcParseError, `${(err as Error).name}: ${(err as Error).message} for ${JSON.stringify(doc)}`);
      }
    }
  }
});
