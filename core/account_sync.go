package core

import (
	"fmt"
	"strings"
)

// AccountSync says what importing an account's meetings and webinars did:
// the events it created and those it brought up to date.
type AccountSync struct {
	Account  Account  `json:"account"`
	Added    []Event  `json:"added"`
	Updated  []Event  `json:"updated"`
	Warnings []string `json:"warnings,omitempty"`
}

// String is the outcome in words: "2 events added and 1 updated from
// “Main”."
func (s AccountSync) String() string {
	if len(s.Added) == 0 && len(s.Updated) == 0 {
		return fmt.Sprintf("Every meeting and webinar of “%s” already has an up-to-date event.", s.Account.Name)
	}
	noun := "events"
	if len(s.Added) == 1 {
		noun = "event"
	}
	return fmt.Sprintf("%d %s added and %d updated from “%s”.", len(s.Added), noun, len(s.Updated), s.Account.Name)
}

// AccountTest is the outcome of testing one account: OK, or why not and
// whether Turnout turned the account off for it.
type AccountTest struct {
	Account     Account `json:"account"`
	OK          bool    `json:"ok"`
	Deactivated bool    `json:"deactivated,omitempty"`
	Message     string  `json:"message,omitempty"`
}

// AccountTests words the outcome of testing every active account, naming
// each one that was turned off and why.
func AccountTests(list []AccountTest) string {
	if len(list) == 0 {
		return "No account is turned on, so there was nothing to test."
	}
	var bad []string
	for _, t := range list {
		if !t.OK {
			line := "“" + t.Account.Name + "”: " + t.Message
			if t.Deactivated {
				line += " Turnout turned it off; fix it, then turn it on again."
			}
			bad = append(bad, line)
		}
	}
	if len(bad) == 0 {
		if len(list) == 1 {
			return "The account works."
		}
		return fmt.Sprintf("All %d accounts work.", len(list))
	}
	return fmt.Sprintf("%d of %d accounts work.\n\n%s", len(list)-len(bad), len(list), strings.Join(bad, "\n\n"))
}
