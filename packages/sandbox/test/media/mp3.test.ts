import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import {
  framesFor,
  MP3_SAMPLE_RATE,
  Mp3FormatError,
  RecordingAudio,
  readMp3,
  toneMp3,
} from '../../src/media/index.js';
import { skipWithout, toolPath } from '../../../../scripts/test-tools.mjs';

describe('tone MP3 (recordings, reference §3.3.1)', () => {
  for (const seconds of [0, 1, 7.5, 45, 601]) {
    it(`${seconds} s: every frame in sync, duration from the frame count within half a frame`, () => {
      const bytes = toneMp3(seconds);
      const info = readMp3(bytes);
      assert.equal(info.trailingBytes, 0);
      assert.equal(info.frames.length, framesFor(seconds));
      assert.equal(info.sampleRate, MP3_SAMPLE_RATE);
      for (const f of info.frames) {
        assert.equal(bytes[f.offset], 0xff);
        assert.equal(bytes[f.offset + 1]! & 0xe0, 0xe0);
        assert.equal(f.sampleRate, MP3_SAMPLE_RATE);
      }
      const expected = Math.max(seconds, 0.072);
      assert.ok(Math.abs(info.durationSec - expected) <= 0.036 + 1e-9, `${info.durationSec} vs ${seconds}`);
    });
  }

  it('a cache returns the same bytes for the same length', () => {
    const audio = new RecordingAudio();
    assert.equal(audio.mp3(12), audio.mp3(12));
    assert.notEqual(audio.mp3(12).length, audio.mp3(13).length);
  });

  it('the cache stays within its byte budget, dropping the least recently used', () => {
    const two = toneMp3(2).length;
    const three = toneMp3(3).length;
    const audio = new RecordingAudio(two + three);
    const a = audio.mp3(2);
    const b = audio.mp3(3);
    assert.equal(audio.size, two + three);
    // Touch 2 s: now 3 s is the least recently used.
    assert.equal(audio.mp3(2), a);
    audio.mp3(1);
    assert.ok(audio.size <= two + three, String(audio.size));
    assert.equal(audio.mp3(2), a);
    assert.notEqual(audio.mp3(3), b);
  });

  it('the frame reader rejects what is not MPEG audio', () => {
    assert.throws(() => readMp3(Buffer.from('ID3 not really')), Mp3FormatError);
    assert.throws(() => readMp3(Buffer.from('<html></html>')), Mp3FormatError);
  });

  it('decodes in Chromium to a quiet, non-silent tone of the right length, and <audio> reports the duration', {
    skip: skipWithout('chromium'),
    timeout: 60_000,
  }, async () => {
    const mp3 = toneMp3(20);
    const server = createServer((req, res) => {
      if (req.url === '/a.mp3') {
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': mp3.length });
        res.end(mp3);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>t</title>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: toolPath('chromium'),
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      const result = await page.evaluate(async (url) => {
        const element = await new Promise<number>((resolve, reject) => {
          const audio = new Audio();
          audio.preload = 'metadata';
          audio.onloadedmetadata = () => resolve(audio.duration);
          audio.onerror = () => reject(new Error(`media error ${audio.error?.code}`));
          audio.src = url;
        });
        const bytes = await (await fetch(url)).arrayBuffer();
        const ctx = new OfflineAudioContext(1, 8000, 8000);
        const decoded = await ctx.decodeAudioData(bytes);
        const data = decoded.getChannelData(0);
        let peak = 0;
        let sum = 0;
        for (let i = 0; i < data.length; i++) {
          const v = Math.abs(data[i]!);
          peak = Math.max(peak, v);
          sum += v * v;
        }
        return { element, decoded: decoded.duration, peak, rms: Math.sqrt(sum / data.length) };
      }, `${base}/a.mp3`);
      assert.ok(Math.abs(result.element - 20) < 0.2, `element duration ${result.element}`);
      assert.ok(Math.abs(result.decoded - 20) < 0.2, `decoded duration ${result.decoded}`);
      assert.ok(result.rms > 0.005, `rms ${result.rms}`);
      assert.ok(result.peak < 0.2, `peak ${result.peak}`);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
