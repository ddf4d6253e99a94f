// The event-stream reader: events and comments, wherever the chunks are cut.
import { expect, it } from 'vitest';
import { SseParser } from '../src/sse.js';

function parse(chunks: string[]): { events: string[]; comments: number } {
  const out = { events: [] as string[], comments: 0 };
  const p = new SseParser((d) => out.events.push(d), () => out.comments++);
  chunks.forEach((c) => p.push(c));
  return out;
}

it('dispatches one event per data line at the blank line', () => {
  expect(parse(['data: {"op":"pong"}\n\ndata: {"a":1}\n\n'])).toEqual({ events: ['{"op":"pong"}', '{"a":1}'], comments: 0 });
});

it('holds an event until its blank line arrives', () => {
  expect(parse(['data: {"op":"po', 'ng"}\n']).events).toEqual([]);
  expect(parse(['data: {"op":"po', 'ng"}\n', '\n']).events).toEqual(['{"op":"pong"}']);
});

it('reads every byte split of a stream alike', () => {
  const text = ':\n\ndata: {"x":"é"}\r\n\r\n: padding   \rdata:{"y":2}\r\rdata: 3\n\n';
  const whole = parse([text]);
  expect(whole).toEqual({ events: ['{"x":"é"}', '{"y":2}', '3'], comments: 2 });
  for (let i = 1; i < text.length; i++) expect(parse([text.slice(0, i), text.slice(i)])).toEqual(whole);
  expect(parse(text.split(''))).toEqual(whole);
});

it('takes a CR LF split between two chunks for one line end', () => {
  const text = 'data: a\r\ndata: b\r\n\r\n';
  for (let i = 1; i < text.length; i++) expect(parse([text.slice(0, i), text.slice(i)]).events).toEqual(['a\nb']);
});

it('joins the data lines of one event with newlines and drops one leading space only', () => {
  expect(parse(['data:  a\ndata\ndata:b\n\n']).events).toEqual([' a\n\nb']);
});

it('ignores other fields, unknown lines and blank lines without data', () => {
  expect(parse(['event: x\nid: 7\nretry: 10\ndatum: no\n\n\n\ndata: yes\n\n'])).toEqual({ events: ['yes'], comments: 0 });
});

it('counts each comment line as a heartbeat', () => {
  expect(parse([':\n', ':\n:' + ' '.repeat(2047) + '\n']).comments).toBe(3);
});
