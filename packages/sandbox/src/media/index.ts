export { type Mp3Frame, Mp3FormatError, type Mp3Info, readFrameHeader, readMp3 } from './mp3Frames.js';
export { RecordingAudio } from './recordingAudio.js';
export { framesFor, MP3_SAMPLE_RATE, toneMp3 } from './toneMp3.js';
