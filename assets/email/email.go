// Package email holds the default email templates Turnout embeds. It has no
// dependencies, so core/mail can use it without pulling in the GUI.
package email

import _ "embed"

//go:embed reminder.subject.tmpl
var reminderSubject string

//go:embed reminder.html.tmpl
var reminderHTML string

//go:embed reminder.txt.tmpl
var reminderText string

// ReminderSubject, ReminderHTML and ReminderText are the default reminder
// templates (Go text/template for the subject and text, html/template for
// the HTML). The office can replace them; these stay the fallback.
func ReminderSubject() string { return reminderSubject }
func ReminderHTML() string    { return reminderHTML }
func ReminderText() string    { return reminderText }
