package core

import (
	"net"
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
	host, port, err := net.SplitHostPort(t.Listen)
	if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
		return Errorf(EINVALID, "Listen address %q is not host:port, e.g. 127.0.0.1:%d.", t.Listen, DefaultTrackPort)
	}
	_ = host
	u, err := url.Parse(t.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return Errorf(EINVALID, "Public address %q is not a web address; it should look like https://clicks.example.org.", t.BaseURL)
	}
	return nil
}
