/** Issue 14: the account (password reset and change, profile, sessions) and the company's colleagues. */
import { client, publicClient, unwrap, type Body } from '../api';
import type { components } from './schema';

type S = components['schemas'];
export type Profile = S['ProfileResponse'];
export type Session = S['SessionResponse'];
export type Member = S['MemberResponse'];
export type InvitationItem = S['InvitationListItemResponse'];

export const accountApi = {
  requestPasswordReset: (email: string) => unwrap(publicClient.POST('/api/auth/password-reset', { body: { email } })),
  confirmPasswordReset: (token: string, password: string) =>
    unwrap(publicClient.POST('/api/auth/password-reset/confirm', { body: { token, password } })),
  changePassword: (body: Body<'/api/me/password', 'post'>) => unwrap(client.POST('/api/me/password', { body })),
  profile: () => unwrap(client.GET('/api/me/profile')),
  updateProfile: (body: Body<'/api/me/profile', 'patch'>) => unwrap(client.PATCH('/api/me/profile', { body })),
  sessions: () => unwrap(client.GET('/api/me/sessions')),
  revokeSession: (id: string) => unwrap(client.DELETE('/api/me/sessions/{id}', { params: { path: { id } } })),
  revokeAllSessions: () => unwrap(client.POST('/api/me/sessions/revoke-all')),

  members: (id: string) => unwrap(client.GET('/api/organizations/{id}/members', { params: { path: { id } } })),
  removeMember: (id: string, userId: string) =>
    unwrap(client.DELETE('/api/organizations/{id}/members/{userId}', { params: { path: { id, userId } } })),
  handOverOwner: (id: string, userId: string) =>
    unwrap(client.POST('/api/organizations/{id}/owner', { params: { path: { id } }, body: { userId } })),
  invitations: (id: string) => unwrap(client.GET('/api/organizations/{id}/invitations', { params: { path: { id } } })),
  invite: (id: string, email: string) =>
    unwrap(client.POST('/api/organizations/{id}/invitations', { params: { path: { id } }, body: { email } })),
  revokeInvitation: (id: string, invId: string) =>
    unwrap(client.DELETE('/api/organizations/{id}/invitations/{invId}', { params: { path: { id, invId } } })),
};
