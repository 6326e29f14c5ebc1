import { context, definePlugin, Message, userSession, type User } from 'chainlit-rt';

/** Who may do what, from the user's metadata (set by the manifest or a login hook). */
function role(user: User | null): string {
  return typeof user?.metadata.role === 'string' ? user.metadata.role : 'member';
}

export default definePlugin({
  // Users the manifest does not list.
  async passwordAuth(username, password) {
    if (username === 'guest' && password === 'guest') return { identifier: 'guest', display_name: 'Guest', metadata: { role: 'guest' } };
    return null;
  },

  // OAuth providers switched on by OAUTH_* variables in .env (see docs/auth.md).
  oauthCallback(providerId, _token, _rawUserData, defaultUser) {
    return { ...defaultUser, metadata: { ...defaultUser.metadata, role: 'member', via: providerId } };
  },

  setStarters(user) {
    const starters = [{ label: 'Who am I?', message: 'Who am I?' }];
    if (role(user) === 'admin') starters.push({ label: 'Admin tips', message: 'Show me the admin tips' });
    return starters;
  },

  async onChatStart() {
    const user = userSession.get<User>('user');
    await new Message({ content: `Welcome, ${user?.display_name ?? user?.identifier} (${role(user ?? null)}).` }).send();
  },

  async onMessage(message) {
    const user = context.session.user;
    if (message.content === 'Who am I?') {
      await new Message({ content: `You are **${user?.identifier}**, logged in with ${String(user?.metadata.provider)}.` }).send();
      return;
    }
    await new Message({ content: role(user) === 'admin' ? 'Admins can see everything.' : 'Ask an admin for more.' }).send();
  },

  // Runs on POST /logout, after the login cookie is cleared.
  onLogout() {
    return { success: true, goodbye: true };
  },
});
