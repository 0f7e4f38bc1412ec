/** The `system_setting` row that marks the demo story as seeded (value `{ state: 'begun' | 'done', … }`). */
export const DEMO_STORY_KEY = 'demo-story';
