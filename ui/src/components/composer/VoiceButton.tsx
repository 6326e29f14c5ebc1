/**
 * The microphone button (#voice-button, `features.audio.enabled`): starts and stops voice
 * input. While the microphone records, `.audio-presence[data-speaker="user"]` (role
 * status, "Recording") shows; while the app speaks, `.audio-presence[data-speaker=
 * "assistant"]` carries the track being played in `data-track`.
 */
import { useStore } from '../../client/react.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Loader, Mic, X } from '../ui/icons.js';
import { Tip } from '../ui/Tip.js';

function Bars() {
  return (
    <>
      <i />
      <i />
      <i />
      <i />
    </>
  );
}

export function VoiceButton({ connected }: { connected: boolean }) {
  const t = useT();
  const c = useController();
  const enabled = useApp((s) => Boolean(s.settings?.features.audio?.enabled));
  const state = useStore(c.voice.store, (s) => s.state);
  const playing = useStore(c.voice.store, (s) => s.playing);
  if (!enabled) return null;
  const label = t(state === 'on' ? 'chat.speech.stop' : state === 'connecting' ? 'chat.speech.connecting' : 'chat.speech.start');
  return (
    <div className="voice-controls">
      {playing ? (
        <span className="audio-presence" data-speaker="assistant" data-track={playing} aria-hidden="true">
          <Bars />
        </span>
      ) : null}
      {state === 'on' ? (
        <span className="audio-presence" data-speaker="user" role="status" aria-label={t('chat.speech.recording')}>
          <Bars />
        </span>
      ) : null}
      <Tip text={label}>
        <button
          type="button"
          id="voice-button"
          className="icon-button"
          aria-label={label}
          aria-pressed={state === 'on'}
          data-state={state}
          disabled={!connected || state === 'connecting'}
          onClick={() => (state === 'on' ? void c.voice.stop() : c.voice.start())}
        >
          {state === 'on' ? <X size={18} /> : state === 'connecting' ? <Loader size={18} className="spin" /> : <Mic size={18} />}
        </button>
      </Tip>
    </div>
  );
}
