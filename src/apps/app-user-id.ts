/**
 * An app's own user id: 1 to 128 of letters, digits and `. _ ~ : @ + -` (a number, a UUID, an
 * email-like name). The same rule is a CHECK on users.app_user_id (migration 1795574401603).
 */
export const APP_USER_ID = /^[A-Za-z0-9._~:@+-]{1,128}$/;

export const APP_USER_ID_RULE = 'must be 1 to 128 letters, digits or the characters . _ ~ : @ + -';
