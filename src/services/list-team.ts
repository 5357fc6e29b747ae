import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { teamInvites, users } from '../db/schema.ts';
import { TEAM_ROLES, type TeamRole } from './invite-member.ts';

export type TeamMember = { id: string; email: string; name: string; role: TeamRole };
export type PendingInvite = {
  id: string;
  email: string;
  name: string;
  role: TeamRole;
  createdAt: string;
  expiresAt: string;
  isExpired: boolean;
};
export type Team = { members: TeamMember[]; invites: PendingInvite[]; adminCount: number };

/** The workspace's admins and facilitators (sponsors are on the People page) and pending invites. */
export async function listTeam(db: Db, workspaceId: string, now: Date = new Date()): Promise<Team> {
  const members = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.role, [...TEAM_ROLES])))
    .orderBy(asc(users.name), asc(users.email));
  const invites = await db
    .select({
      id: teamInvites.id,
      email: teamInvites.email,
      name: teamInvites.name,
      role: teamInvites.role,
      createdAt: teamInvites.createdAt,
      expiresAt: teamInvites.expiresAt,
    })
    .from(teamInvites)
    .where(eq(teamInvites.workspaceId, workspaceId))
    .orderBy(asc(teamInvites.createdAt), asc(teamInvites.email));
  return {
    members: members.map((m) => ({ ...m, role: m.role as TeamRole })),
    invites: invites.map((i) => ({
      ...i,
      role: i.role as TeamRole,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      isExpired: i.expiresAt <= now,
    })),
    adminCount: members.filter((m) => m.role === 'admin').length,
  };
}
