package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/turnout-app/turnout/core"
)

// usageFuncs give commands whose usage depends on the registered
// providers their help line, built when help is printed (providers
// register in init, possibly after this package's commands).
var usageFuncs = map[string]func() string{}

// credFlags are the --client-id style options of every registered
// provider's account form.
type credFlags struct {
	values map[core.CredentialKey]*string
	stdin  map[core.CredentialKey]*bool
	file   map[core.CredentialKey]*string // --NAME-file, for fields read from a file
}

// credentialFlags defines an option for each credential any provider's
// form (picked by fields) asks for, and --NAME-stdin for secret ones.
func credentialFlags(f *flags, fields func(core.ProviderSpec) *[]core.CredentialField) credFlags {
	cf := credFlags{values: map[core.CredentialKey]*string{}, stdin: map[core.CredentialKey]*bool{}, file: map[core.CredentialKey]*string{}}
	for _, s := range core.ManagedSpecs() {
		list := fields(s)
		if list == nil {
			continue
		}
		for _, fl := range *list {
			if cf.values[fl.Key] == nil {
				cf.values[fl.Key] = f.String(string(fl.Key), "", "")
			}
			if fl.Secret && cf.stdin[fl.Key] == nil {
				cf.stdin[fl.Key] = f.Bool(string(fl.Key)+"-stdin", false, "")
			}
			if fl.File && cf.file[fl.Key] == nil {
				cf.file[fl.Key] = f.String(string(fl.Key)+"-file", "", "")
			}
		}
	}
	return cf
}

// read collects the credentials of fields, reading a secret from standard
// input when --NAME-stdin was given (so it stays out of the shell history).
func (cf credFlags) read(c *call, what string, fields []core.CredentialField) (core.Credentials, error) {
	var cr core.Credentials
	in := bufio.NewReader(c.stdin)
	for _, fl := range fields {
		v := ""
		if p := cf.values[fl.Key]; p != nil {
			v = *p
		}
		if p := cf.stdin[fl.Key]; p != nil && *p {
			line, err := in.ReadString('\n')
			if err != nil && !errors.Is(err, io.EOF) {
				return cr, core.Errorf(core.EINVALID, "%s: could not read the %s from standard input.", what, strings.ToLower(fl.Label))
			}
			v = line
		}
		if p := cf.file[fl.Key]; p != nil && *p != "" {
			data, err := os.ReadFile(*p)
			if err != nil {
				// The path and the system's reason only: never the content.
				return cr, core.Errorf(core.EINVALID, "%s: could not read the %s from %s (%v); check the file name.",
					what, strings.ToLower(fl.Label), *p, errors.Unwrap(err))
			}
			v = string(data)
		}
		cr.Set(fl.Key, strings.TrimSpace(v))
	}
	return cr, nil
}

// managedSpec reads the provider named by the one positional argument;
// fits says whether it offers the sign-in the command is about.
func managedSpec(what string, pos []string, fits func(core.ProviderSpec) bool) (core.ProviderSpec, error) {
	var names []string
	for _, s := range core.ManagedSpecs() {
		if fits(s) {
			names = append(names, string(s.Kind))
		}
	}
	example := "PROVIDER"
	if len(names) > 0 {
		example = names[0]
	}
	if len(pos) != 1 {
		return core.ProviderSpec{}, core.Errorf(core.EINVALID, "%s: name the provider, e.g. \"turnout %s %s --name Main ...\"; choose one of: %s.",
			what, what, example, strings.Join(names, ", "))
	}
	kind := core.ProviderKind(strings.ToLower(strings.TrimSpace(pos[0])))
	s, ok := core.Spec(kind)
	if !ok || !s.Managed() || !fits(s) {
		return s, core.Errorf(core.EINVALID, "%s: %q accounts cannot be added this way; choose one of: %s.", what, pos[0], strings.Join(names, ", "))
	}
	return s, nil
}

// flagUsage writes a form's fields as options: --client-id ID or, for
// secrets, (--client-secret S | --client-secret-stdin); optional ones in [].
func flagUsage(fields []core.CredentialField) string {
	var parts []string
	for _, fl := range fields {
		word := "VALUE"
		switch {
		case strings.HasSuffix(string(fl.Key), "-id"):
			word = "ID"
		case fl.Secret:
			word = "S"
		}
		part := "--" + string(fl.Key) + " " + word
		if fl.Secret {
			part = "(--" + string(fl.Key) + " " + word + " | --" + string(fl.Key) + "-stdin)"
		}
		if fl.File {
			part = strings.TrimSuffix(part, ")") + " | --" + string(fl.Key) + "-file FILE)"
		}
		if !fl.Required {
			part = "[" + strings.Trim(part, "()") + "]"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " ")
}

// signInUsage is the help of "account add"/"account connect": one line
// per provider offering that sign-in.
func signInUsage(words string, fields func(core.ProviderSpec) []core.CredentialField, extra string) string {
	var lines []string
	for _, s := range core.ManagedSpecs() {
		if fl := fields(s); fl != nil {
			lines = append(lines, string(s.Kind)+" --name N "+flagUsage(fl))
		}
	}
	if len(lines) == 0 {
		return "PROVIDER --name N (no provider offers this sign-in)"
	}
	return strings.Join(lines, " "+extra+"\n  turnout "+words+" ") + " " + extra
}

func accountAddUsage() string {
	return signInUsage("account add", func(s core.ProviderSpec) []core.CredentialField {
		if s.Account.Keys == nil {
			return nil
		}
		return s.Account.Keys.Fields
	}, "[--api-url URL --oauth-url URL]")
}

// providerList prints every registered provider: what it is, whether
// accounts can be connected (and how) and what Turnout does with them.
func providerList(c *call) error {
	if _, err := newFlags("provider list").parse(c.args); err != nil {
		return err
	}
	specs := core.ProviderSpecs()
	type row struct {
		Name    string   `json:"name"`
		Label   string   `json:"label"`
		SignIn  []string `json:"sign_in"`
		Does    []string `json:"does"`
		Sandbox bool     `json:"sandbox,omitempty"`
	}
	rows := make([]row, 0, len(specs))
	for _, s := range specs {
		r := row{Name: string(s.Kind), Label: s.Label, SignIn: []string{}, Does: capWords(s.Caps), Sandbox: s.Sandbox != nil}
		if s.Managed() && s.Account.Browser != nil && s.OAuth != nil {
			r.SignIn = append(r.SignIn, "browser")
		}
		if s.Managed() && s.Account.Keys != nil {
			r.SignIn = append(r.SignIn, "keys")
		}
		rows = append(rows, r)
	}
	return c.output(rows, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tPROVIDER\tACCOUNTS\tTURNOUT DOES")
		for _, r := range rows {
			acc := "link only"
			if len(r.SignIn) > 0 {
				acc = strings.Join(r.SignIn, ", ")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Label, acc, strings.Join(r.Does, ", "))
		}
		tw.Flush()
	})
}

// capWords names what a provider's accounts do, in office words.
func capWords(c core.Capabilities) []string {
	words := []string{"sends the join link"}
	for _, x := range []struct {
		on   bool
		word string
	}{{c.Managed, "registers people"}, {c.Cancel, "cancels"}, {c.Reapprove, "re-approves"}, {c.Import, "imports events"},
		{c.Participants, "reports attendance"}, {c.Sessions, "sessions"}, {c.Staff, "tells staff apart"}, {c.Webhooks, "webhooks"}} {
		if x.on {
			words = append(words, x.word)
		}
	}
	return slices.Clip(words)
}
