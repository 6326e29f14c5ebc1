import { expect } from 'chai';
import { binaryData, revive } from '../../../runtime/realtime/binary.js';

/** Binary audio after a trip through JSON (relays, Redis replay logs): runtime/realtime/binary.ts. */
describe('wire: binary payloads through JSON', () => {
  const bytes = Buffer.from([0, 1, 127, 128, 255]);

  it('takes a Buffer, an ArrayBuffer, a view with an offset, and JSON\'s form of a Buffer', () => {
    expect(binaryData(bytes)).to.equal(bytes);
    expect([...binaryData(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 5))!]).to.deep.equal([...bytes]);
    const view = new Uint8Array([9, 9, 0, 1, 127, 128, 255]).subarray(2);
    expect([...binaryData(view)!]).to.deep.equal([...bytes]);
    const json: unknown = JSON.parse(JSON.stringify({ data: bytes })).data;
    expect(json).to.deep.equal({ type: 'Buffer', data: [0, 1, 127, 128, 255] });
    expect(binaryData(json)).to.deep.equal(bytes);
  });

  it('refuses what is not binary', () => {
    for (const bad of ['text', 5, null, undefined, [1, 2], { type: 'Buffer', data: [256] }, { type: 'Buffer', data: [1.5] }, { type: 'Buffer', data: 'x' }, { type: 'Blob', data: [1] }]) {
      expect(binaryData(bad), JSON.stringify(bad)).to.equal(null);
    }
  });

  it('makes audio_chunk data binary again, and leaves other events alone', () => {
    const relayed: unknown = JSON.parse(JSON.stringify({ track: 't', mimeType: 'pcm16', data: bytes }));
    const back = revive('audio_chunk', relayed) as { track: string; data: unknown };
    expect(back.track).to.equal('t');
    expect(Buffer.isBuffer(back.data)).to.equal(true);
    expect(back.data).to.deep.equal(bytes);
    const other = { data: { type: 'Buffer', data: [1] } };
    expect(revive('new_message', other)).to.equal(other);
    const live = { track: 't', data: bytes };
    expect(revive('audio_chunk', live)).to.equal(live);
  });
});
