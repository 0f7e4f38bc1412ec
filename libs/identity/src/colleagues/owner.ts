/**
 * The owner of an organization: `organization.owner_user_id` (set at registration and by the hand-over), or, for an
 * organization made before it existed or by the demo seed, its earliest member. A SQL expression over `o`.
 */
export const OWNER_OF_SQL = `coalesce(o.owner_user_id, (SELECT u0.id FROM app_user u0 WHERE u0.organization_id = o.id
  ORDER BY u0.created_at, u0.id LIMIT 1))`;
