package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Accounts listed with their sync state, tested all at once, removed, and
// their meetings imported.

func init() {
	commands = append(commands,
		command{[]string{"account", "remove"}, "NAME", func(c *call, s core.Services) error { return accountRemove(c, s.Accounts) }},
		command{[]string{"account", "series"}, "NAME each|grouped", func(c *call, s core.Services) error { return accountSeries(c, s.Accounts) }},
	)
}

func accountList(c *call, accounts core.AccountService) error {
	list, err := accounts.Accounts(c.ctx)
	if err != nil {
		return err
	}
	if list == nil {
		list = []core.Account{}
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, `No accounts yet. "turnout provider list" shows the providers; add one with "turnout account add PROVIDER".`)
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPROVIDER\tACTIVE\tLAST WORKED\tLAST SYNC\tLAST ERROR")
		for _, a := range list {
			prov := a.Provider.Label()
			if a.Sandbox {
				prov = "Sandbox"
			}
			problem := a.LastError
			if a.LastSyncError != "" {
				problem = "Sync: " + a.LastSyncError
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%t\t%s\t%s\t%s\n", a.ID, a.Name, prov, a.Active, when(a.LastOKAt), when(a.LastSyncAt), problem)
		}
		tw.Flush()
	})
}

// when is a time in the list, local; "never" when it has not happened.
func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// accountTest tests one account, or with no name every active one at once
// (turning off those the provider refuses).
func accountTest(c *call, accounts core.AccountService) error {
	pos, err := newFlags("account test").parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return core.Errorf(core.EINVALID, "account test: give one account name, or none to test every active account.")
	}
	if len(pos) == 1 {
		a, err := accounts.FindAccount(c.ctx, pos[0])
		if err != nil {
			return err
		}
		if a, err = accounts.TestAccount(c.ctx, a.ID); err != nil {
			return err
		}
		return c.output(a, func(w io.Writer) { fmt.Fprintf(w, "Account %q works.\n", a.Name) })
	}
	res, err := accounts.TestAllAccounts(c.ctx, nil)
	if err != nil {
		return err
	}
	if res == nil {
		res = []core.AccountTest{}
	}
	failed := 0
	for _, t := range res {
		if !t.OK {
			failed++
		}
	}
	if err := c.output(res, func(w io.Writer) { fmt.Fprintln(w, core.AccountTests(res)) }); err != nil {
		return err
	}
	if failed > 0 {
		return core.Errorf(core.EUNAVAILABLE, "%d of %d accounts failed the test; \"turnout account list\" shows them.", failed, len(res))
	}
	return nil
}

func accountRemove(c *call, accounts core.AccountService) error {
	name, err := oneName(c, "account remove")
	if err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, name)
	if err != nil {
		return err
	}
	if err := accounts.DeleteAccount(c.ctx, a.ID); err != nil {
		if core.ErrorCode(err) == core.ECONFLICT {
			return core.Errorf(core.ECONFLICT, "%s (turnout account disable %q)", core.ErrorMessage(err), a.Name)
		}
		return err
	}
	return c.output(a, func(w io.Writer) { fmt.Fprintf(w, "Account %q removed.\n", a.Name) })
}

func accountSeries(c *call, accounts core.AccountService) error {
	pos, err := newFlags("account series").parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[1] != "each" && pos[1] != "grouped") {
		return core.Errorf(core.EINVALID, "account series: give the account and each or grouped, e.g. \"turnout account series Main grouped\".")
	}
	a, err := accounts.FindAccount(c.ctx, pos[0])
	if err != nil {
		return err
	}
	if a, err = accounts.SetAccountGroupSeries(c.ctx, a.ID, pos[1] == "grouped"); err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		if a.GroupSeries {
			fmt.Fprintf(w, "Account %q imports a webinar series as one event from the next sync on.\n", a.Name)
		} else {
			fmt.Fprintf(w, "Account %q imports each webinar of a series as its own event from the next sync on.\n", a.Name)
		}
	})
}

// eventImport syncs an account's meetings and webinars now and says what
// was added and updated.
func eventImport(c *call, accounts core.AccountService, providerSync core.ProviderSyncService) error {
	f := newFlags("event import")
	account := f.String("account", "", "")
	f.require("account")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, *account)
	if err != nil {
		return err
	}
	res, err := providerSync.SyncAccount(c.ctx, a.ID, nil)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(c.stderr, "turnout: warning: "+w)
	}
	if res.Added == nil {
		res.Added = []core.Event{}
	}
	if res.Updated == nil {
		res.Updated = []core.Event{}
	}
	return c.output(res, func(w io.Writer) {
		fmt.Fprintln(w, res.String())
		for _, ev := range res.Added {
			fmt.Fprintf(w, "  added\t%d\t%s\t%s\n", ev.ID, localStart(ev), ev.Title)
		}
		for _, ev := range res.Updated {
			fmt.Fprintf(w, "  updated\t%d\t%s\t%s\n", ev.ID, localStart(ev), ev.Title)
		}
	})
}
