package core

// BrowserOpener opens a web address in the system browser (the sign-in
// page of a provider). The GUI and the command line each pass their own;
// tests pass one that follows the link themselves.
type BrowserOpener func(url string) error
