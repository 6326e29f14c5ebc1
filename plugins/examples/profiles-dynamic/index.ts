import { context, definePlugin, Message, userSession, type ChatProfile, type Starter } from 'chainlit-rt';

type Lang = 'en' | 'fr' | 'de';

/** `fr-FR` → `fr`; anything we have no text for falls back to English. */
function lang(language: string): Lang {
  const base = language.split('-')[0]!.toLowerCase();
  return base === 'fr' || base === 'de' ? base : 'en';
}

const TEXT = {
  en: { brief: 'Brief', detailed: 'Detailed', briefDesc: 'Short answers.', detailedDesc: 'Long, **thorough** answers.', hello: 'Say hello', joke: 'Tell me a joke' },
  fr: { brief: 'Bref', detailed: 'Détaillé', briefDesc: 'Des réponses courtes.', detailedDesc: 'Des réponses longues et **complètes**.', hello: 'Dis bonjour', joke: 'Raconte-moi une blague' },
  de: { brief: 'Kurz', detailed: 'Ausführlich', briefDesc: 'Kurze Antworten.', detailedDesc: 'Lange, **gründliche** Antworten.', hello: 'Sag hallo', joke: 'Erzähl mir einen Witz' },
} as const;

export default definePlugin({
  name: 'profiles-dynamic-example',

  // Profile *names* stay the same in every language: the browser sends the name back when
  // it connects. Only what the user reads (displayName, description) is translated.
  async setChatProfiles(_user, language): Promise<ChatProfile[]> {
    const t = TEXT[lang(language)];
    return [
      { name: 'brief', displayName: t.brief, markdownDescription: t.briefDesc, icon: '/public/icons/hash.svg', default: true },
      { name: 'detailed', displayName: t.detailed, markdownDescription: t.detailedDesc, icon: '/public/icons/book.svg' },
    ];
  },

  async setStarters(_user, language): Promise<Starter[]> {
    const t = TEXT[lang(language)];
    return [
      { label: t.hello, message: t.hello, icon: '/public/icons/sparkles.svg' },
      { label: t.joke, message: t.joke, icon: '/public/icons/lightbulb.svg' },
    ];
  },

  async onMessage(message) {
    const profile = userSession.get<string>('chat_profile') ?? 'brief';
    const language = lang(context.session.language);
    const answer = profile === 'detailed'
      ? `(${language}) A detailed answer to "${message.content}", in several parts.`
      : `(${language}) ${message.content}: done.`;
    await new Message({ content: answer }).send();
  },
});
