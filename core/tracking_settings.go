package core

import (
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// DefaultTrackPort is the click endpoint's port unless staff choose one.
const DefaultTrackPort = 8787

// TrackingSettings say where the click endpoint listens and the address
// registrants' links start with. Registrants can only reach the endpoint
// where the office exposes it (a port forward or reverse proxy to
// Listen); DirectLinks puts the join link itself in emails instead, and
// clicks are then not counted.
type TrackingSettings struct {
	Listen      string `json:"listen"`
	BaseURL     string `json:"base_url"`
	DirectLinks bool   `json:"direct_links,omitempty"`
	// ProvenBaseURL is the base URL Turnout last fetched its own
	// instance ID through. Emails carry tracked links only while it
	// equals BaseURL, so an address that leads nowhere (or to another
	// computer) never reaches registrants; changing BaseURL drops the
	// proof. Only the engine sets it.
	ProvenBaseURL string `json:"proven_base_url,omitempty"`
	// TrustedProxies are the office's reverse proxies in front of the
	// click endpoint (addresses or ranges such as 10.0.0.5 or
	// 10.0.0.0/24): their X-Forwarded-For names the person clicking.
	TrustedProxies []string `json:"trusted_proxies,omitempty"`
}

// DefaultTrackingSettings listen on loopback only.
func DefaultTrackingSettings() TrackingSettings {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultTrackPort))
	return TrackingSettings{Listen: addr, BaseURL: "http://" + addr}
}

// Validate checks and normalises the settings.
func (t *TrackingSettings) Validate() error {
	t.Listen = strings.TrimSpace(t.Listen)
	t.BaseURL = strings.TrimRight(strings.TrimSpace(t.BaseURL), "/")
	_, port, err := net.SplitHostPort(t.Listen)
	if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
		return Errorf(EINVALID, "Listen address %q is not host:port, e.g. 127.0.0.1:%d.", t.Listen, DefaultTrackPort)
	}
	u, err := url.Parse(t.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return Errorf(EINVALID, "Public address %q is not a web address; it should look like https://clicks.example.org.", t.BaseURL)
	}
	_, err = t.ProxyPrefixes()
	return err
}

// ProxyPrefixes parses TrustedProxies (tidying them in place).
func (t *TrackingSettings) ProxyPrefixes() ([]netip.Prefix, error) {
	var out []netip.Prefix
	var kept []string
	for _, raw := range t.TrustedProxies {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		p, err := netip.ParsePrefix(raw)
		if err != nil {
			a, aerr := netip.ParseAddr(raw)
			if aerr != nil {
				return nil, Errorf(EINVALID, "Reverse proxy %q is not an address; write it like 10.0.0.5 or 10.0.0.0/24.", raw)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out, kept = append(out, p.Masked()), append(kept, raw)
	}
	t.TrustedProxies = kept
	return out, nil
}

// PrivateBaseURL reports whether the base URL names this computer or a
// private network (loopback, RFC 1918, link-local, fc00::/7,
// "localhost"): registrants outside the office cannot open such links.
func (t TrackingSettings) PrivateBaseURL() bool {
	u, err := url.Parse(t.BaseURL)
	if err != nil {
		return true
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false // a name; whether it reaches us is what the check proves
	}
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()
}

// Tracked reports whether emails carry tracked links: tracking is on and
// the base URL is public and proven to reach this Turnout.
func (t TrackingSettings) Tracked() bool {
	return !t.DirectLinks && !t.PrivateBaseURL() && t.ProvenBaseURL != "" && t.ProvenBaseURL == t.BaseURL
}

// TrackingStatus says in office words whether clicks are counted.
type TrackingStatus struct {
	// Counted is true when reminders carry tracked links.
	Counted bool
	// Text explains the state and what to do next.
	Text string
}

// Status explains the settings' effect on reminders.
func (t TrackingSettings) Status() TrackingStatus {
	switch {
	case t.DirectLinks:
		return TrackingStatus{Text: "Click tracking is off: reminders carry the direct join link and clicks are not counted."}
	case t.PrivateBaseURL():
		return TrackingStatus{Text: "Clicks won't be counted until your tracking address is reachable from the internet: " +
			"reminders carry the direct join link meanwhile. Set a public address in Settings → Click tracking and press Check."}
	case !t.Tracked():
		return TrackingStatus{Text: "Clicks won't be counted until Turnout has checked that " + t.BaseURL +
			" reaches this computer: reminders carry the direct join link meanwhile. Press Check in Settings → Click tracking."}
	}
	return TrackingStatus{Counted: true, Text: "Clicks are counted: reminder links go through " + t.BaseURL + ", checked to reach this Turnout."}
}
