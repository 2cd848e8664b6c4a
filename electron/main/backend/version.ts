// The app version, shown in the UI and written into documents.
export const APP_VERSION = '0.1.0';
