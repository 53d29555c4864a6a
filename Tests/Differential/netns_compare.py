#!/usr/bin/env python3
"""Differential test: infralab's evaluated verdicts vs. real Linux networking.

For each topology file, build a model of the VPC subset in network namespaces
(veth pairs, bridges, policy routing, iptables), open TCP listeners, dial every
flow with a 1 s timeout, and compare with `infralab probe --json`.

Run as root. Stdlib only. Not part of `swift test` or CI. See README.md beside it.

Safety: every namespace is created here, linked only to other namespaces created
here; nothing is added to the root namespace (every `ip` call names its
namespace with -n, every iptables call runs under `ip netns exec`). Every
namespace is deleted in a `finally`, also on Ctrl-C / SIGTERM.
"""

import argparse
import ctypes
import errno
import ipaddress
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TEST_PORTS = [22, 80, 443, 3306, 8080]
CONNECT_TIMEOUT = 1.0          # seconds, per flow (all flows of a file run at once)
PRIVATE_NETS = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
CLIENT_CANDIDATES = ["198.51.100.200", "203.0.113.200", "192.0.2.200", "198.18.200.200",
                     "198.19.200.200", "203.0.113.77", "198.51.100.77"]


# --------------------------------------------------------------------------
# A tiny YAML reader for infralab's subset (block/flow mappings and lists,
# plain and quoted scalars, comments). Scalars stay strings.
# --------------------------------------------------------------------------

class YAMLError(Exception):
    pass


def _strip_comment(line):
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _depth(text):
    d, quote = 0, None
    for c in text:
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c in "[{":
            d += 1
        elif c in "]}":
            d -= 1
    return d


def _split_key(text):
    """'key: value' -> (key, value) or None. Respects quotes and brackets."""
    quote, d = None, 0
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c in "[{":
            d += 1
        elif c in "]}":
            d -= 1
        elif c == ":" and d == 0 and (i + 1 == len(text) or text[i + 1] in " \t"):
            return _scalar(text[:i].strip()), text[i + 1:].strip()
    return None


def _scalar(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    return s


class _Flow:
    def __init__(self, text):
        self.t, self.i = text, 0

    def ws(self):
        while self.i < len(self.t) and self.t[self.i] in " \t\n":
            self.i += 1

    def value(self):
        self.ws()
        c = self.t[self.i] if self.i < len(self.t) else ""
        if c == "{":
            self.i += 1
            out = {}
            while True:
                self.ws()
                if self.t[self.i] == "}":
                    self.i += 1
                    return out
                key = self.scalar(stop=":,}")
                self.ws()
                if self.t[self.i] == ":":
                    self.i += 1
                    out[key] = self.value()
                else:
                    out[key] = None
                self.ws()
                if self.t[self.i] == ",":
                    self.i += 1
        if c == "[":
            self.i += 1
            out = []
            while True:
                self.ws()
                if self.t[self.i] == "]":
                    self.i += 1
                    return out
                out.append(self.value())
                self.ws()
                if self.t[self.i] == ",":
                    self.i += 1
        return self.scalar(stop=",}]")

    def scalar(self, stop):
        self.ws()
        if self.i < len(self.t) and self.t[self.i] in "'\"":
            q = self.t[self.i]
            j = self.t.index(q, self.i + 1)
            s = self.t[self.i + 1:j]
            self.i = j + 1
            return s
        j = self.i
        while j < len(self.t):
            c = self.t[j]
            if c in stop and (c != ":" or j + 1 >= len(self.t) or self.t[j + 1] in " \t"):
                break
            j += 1
        s = self.t[self.i:j].strip()
        self.i = j
        return s


def _value(text):
    text = text.strip()
    if text.startswith(("{", "[")):
        return _Flow(text).value()
    if text == "":
        return None
    return _scalar(text)


def load_yaml(source):
    lines = []
    raw = source.splitlines()
    k = 0
    while k < len(raw):
        line = _strip_comment(raw[k]).rstrip()
        k += 1
        if not line.strip():
            continue
        # join multi-line flow collections
        while _depth(line) > 0 and k < len(raw):
            line += " " + _strip_comment(raw[k]).strip()
            k += 1
        indent = len(line) - len(line.lstrip(" "))
        lines.append([indent, line.strip()])

    def block(i, indent):
        if i >= len(lines):
            return None, i
        if lines[i][1] == "-" or lines[i][1].startswith("- "):
            out = []
            while i < len(lines) and lines[i][0] == indent and (lines[i][1] == "-" or lines[i][1].startswith("- ")):
                rest = lines[i][1][1:].lstrip()
                if not rest:
                    item, i = block(i + 1, lines[i + 1][0]) if i + 1 < len(lines) and lines[i + 1][0] > indent else (None, i + 1)
                    out.append(item)
                    continue
                kv = _split_key(rest) if not rest.startswith(("{", "[")) else None
                if kv is None:
                    out.append(_value(rest))
                    i += 1
                else:
                    offset = len(lines[i][1]) - len(rest)
                    lines[i] = [indent + offset, rest]
                    item, i = block(i, indent + offset)
                    out.append(item)
            return out, i
        out = {}
        while i < len(lines) and lines[i][0] == indent:
            kv = _split_key(lines[i][1])
            if kv is None:
                raise YAMLError("cannot read line: " + lines[i][1])
            key, rest = kv
            i += 1
            if rest:
                out[key] = _value(rest)
            elif i < len(lines) and (lines[i][0] > indent or (lines[i][0] == indent and lines[i][1].startswith("- "))):
                out[key], i = block(i, lines[i][0])
            else:
                out[key] = None
        return out, i

    doc, i = block(0, lines[0][0]) if lines else ({}, 0)
    if i != len(lines):
        raise YAMLError("unexpected indentation at: " + lines[i][1])
    return doc or {}


# --------------------------------------------------------------------------
# Topology model (the subset), following Docs/topology.md and network-engine.md
# --------------------------------------------------------------------------

class Unsupported(Exception):
    """A feature outside the namespace model's subset."""


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def as_bool(v, default=False):
    if v is None:
        return default
    return str(v).lower() in ("true", "yes")


def net(s):
    return ipaddress.ip_network(str(s), strict=False)


def parse_ports(v):
    if v is None or str(v).lower() == "all":
        return None
    s = str(v)
    if "-" in s:
        lo, hi = s.split("-", 1)
        return (int(lo), int(hi))
    return (int(s), int(s))


def parse_proto(rule):
    proto = rule.get("protocol")
    port = rule.get("port")
    if proto is None:
        proto = "tcp" if port is not None else "all"
    proto = str(proto).lower()
    proto = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp"}.get(proto, proto)
    ports = parse_ports(port) if proto in ("tcp", "udp") else None
    if ports == (0, 65535):
        ports = None
    return proto, ports


class Topology:
    def __init__(self, doc):
        self.doc = doc
        for section in ("sites", "hosts"):
            if doc.get(section):
                raise Unsupported("pre-cloud `%s`" % section)
        if doc.get("load-balancers"):
            raise Unsupported("load balancers")
        self.outside = {}
        for name, v in (doc.get("outside") or {}).items():
            self.outside[name] = net(v["cidr"] if isinstance(v, dict) else v)
        self.vpcs = {}
        self.igw_vpc = {}  # igw name -> attached vpc or None
        for name, v in (doc.get("vpcs") or {}).items():
            self.vpcs[name] = {"cidr": net(v["cidr"]), "region": v.get("region"), "default": False}
            if v.get("internet-gateway"):
                self.igw_vpc[v["internet-gateway"]] = name
        for name, v in (doc.get("internet-gateways") or {}).items():
            self.igw_vpc[name] = (v or {}).get("vpc")
        declared_vpcs = list(self.vpcs)
        only_vpc = declared_vpcs[0] if len(declared_vpcs) == 1 else None
        self.subnets = {}
        for name, v in (doc.get("subnets") or {}).items():
            self.subnets[name] = {"cidr": net(v["cidr"]), "vpc": v.get("vpc") or only_vpc,
                                  "route-table": v.get("route-table"), "network-acl": v.get("network-acl"),
                                  "maps": as_bool(v.get("map-public-ip-on-launch"))}
        self.instances = {}
        for name, v in (doc.get("instances") or {}).items():
            v = v or {}
            self.instances[name] = {"subnet": v.get("subnet"), "az": v.get("az"), "private": v.get("private-ip"),
                                    "public-ip": v.get("public-ip"), "eip": v.get("elastic-ip"),
                                    "groups": as_list(v.get("security-groups")) if "security-groups" in v else None,
                                    "forwards": v.get("forwards")}
        self._default_vpc(only_vpc)
        self.route_tables = {}
        for name, v in (doc.get("route-tables") or {}).items():
            v = v or {}
            self.route_tables[name] = {"routes": as_list(v.get("routes")), "main": as_bool(v.get("main")),
                                       "subnets": as_list(v.get("subnets")), "vpc": v.get("vpc")}
        self.nats = {}
        for name, v in (doc.get("nat-gateways") or {}).items():
            self.nats[name] = {"subnet": v.get("subnet"), "eip": v.get("elastic-ip")}
        self.groups = {}
        for name, v in (doc.get("security-groups") or {}).items():
            v = v or {}
            self.groups[name] = {"inbound": as_list(v.get("inbound")),
                                 "outbound": None if "outbound" not in v else as_list(v.get("outbound"))}
        self.acls = {}
        for name, v in (doc.get("network-acls") or {}).items():
            v = v or {}
            self.acls[name] = {"inbound": as_list(v.get("inbound")), "outbound": as_list(v.get("outbound")),
                               "subnets": as_list(v.get("subnets")), "default": as_bool(v.get("default")),
                               "vpc": v.get("vpc")}
        self.forwards_present = any(i["forwards"] for i in self.instances.values())
        self._resolve_tables(only_vpc)
        self._resolve_acls(only_vpc)
        self._addresses()

    def _default_vpc(self, only_vpc):
        unplaced = [n for n, i in self.instances.items() if not i["subnet"]]
        if not unplaced:
            return
        region = next((v["region"] for v in self.vpcs.values() if v["region"]), None) or "ap-northeast-2"
        vname = "default-vpc" if "default" in self.vpcs else "default"
        self.vpcs[vname] = {"cidr": net("172.31.0.0/16"), "region": region, "default": True}
        self.igw_vpc[vname + "-igw"] = vname
        self.doc.setdefault("route-tables", {})
        self.doc["route-tables"] = dict(self.doc.get("route-tables") or {})
        self.doc["route-tables"][vname + "-main"] = {"vpc": vname, "main": "true",
                                                     "routes": [{"to": "0.0.0.0/0", "via": vname + "-igw"}]}
        for n in unplaced:
            az = self.instances[n]["az"] or region + "a"
            idx = "abcdef".index(az[-1])
            sname = "%s-%s" % (vname, az)
            if sname not in self.subnets:
                self.subnets[sname] = {"cidr": ipaddress.ip_network("172.31.%d.0/20" % (idx * 16)), "vpc": vname,
                                       "route-table": None, "network-acl": None, "maps": True}
            self.instances[n]["subnet"] = sname

    def _resolve_tables(self, only_vpc):
        for tname, t in self.route_tables.items():
            if not t["vpc"]:
                users = [s for s, sub in self.subnets.items() if sub["route-table"] == tname] + t["subnets"]
                t["vpc"] = self.subnets[users[0]]["vpc"] if users else only_vpc
        self.subnet_table = {}
        for s, sub in self.subnets.items():
            table = sub["route-table"] or next((t for t, v in self.route_tables.items() if s in v["subnets"]), None)
            if table is None:
                mains = sorted(t for t, v in self.route_tables.items() if v["main"] and v["vpc"] == sub["vpc"])
                table = mains[0] if mains else None
            self.subnet_table[s] = table

    def _resolve_acls(self, only_vpc):
        for aname, a in self.acls.items():
            if not a["vpc"]:
                users = [s for s, sub in self.subnets.items() if sub["network-acl"] == aname] + a["subnets"]
                a["vpc"] = self.subnets[users[0]]["vpc"] if users else only_vpc
        self.subnet_acl = {}
        for s, sub in self.subnets.items():
            acl = sub["network-acl"] or next((a for a, v in self.acls.items() if s in v["subnets"]), None)
            if acl is None:
                acl = next((a for a, v in self.acls.items() if v["default"] and v["vpc"] == sub["vpc"]), None)
            self.subnet_acl[s] = acl  # None: AWS default, allow all

    def _addresses(self):
        used, cursor = {}, {}
        for i in self.instances.values():
            if i["private"]:
                used.setdefault(i["subnet"], set()).add(int(ipaddress.ip_address(i["private"])))

        def next_free(s):
            c = self.subnets[s]["cidr"]
            cand = cursor.get(s, int(c.network_address) + 4)
            last = int(c.broadcast_address) - 1
            while cand <= last:
                if cand not in used.get(s, set()):
                    used.setdefault(s, set()).add(cand)
                    cursor[s] = cand + 1
                    return ipaddress.ip_address(cand)
                cand += 1
            cursor[s] = cand
            return None

        for i in self.instances.values():
            i["private"] = ipaddress.ip_address(i["private"]) if i["private"] else next_free(i["subnet"])
        taken = set()
        for x in list(self.instances.values()) + list(self.nats.values()):
            if x["eip"]:
                taken.add(int(ipaddress.ip_address(x["eip"])))
        taken_ranges = [c for c in self.outside.values() if c.prefixlen >= 8]
        pools = [net("198.51.100.0/24"), net("192.0.2.0/24"), net("198.18.0.0/15")]
        state = {"pool": 0, "offset": 1}

        def invent():
            while state["pool"] < len(pools):
                c = pools[state["pool"]]
                while state["offset"] < c.num_addresses - 1:
                    cand = int(c.network_address) + state["offset"]
                    state["offset"] += 1
                    if cand in taken or any(ipaddress.ip_address(cand) in r for r in taken_ranges):
                        continue
                    taken.add(cand)
                    return ipaddress.ip_address(cand)
                state["pool"] += 1
                state["offset"] = 1
            return None

        for i in self.instances.values():
            if i["eip"]:
                i["public"] = ipaddress.ip_address(i["eip"])
            else:
                wants = as_bool(i["public-ip"]) if i["public-ip"] is not None else self.subnets[i["subnet"]]["maps"]
                i["public"] = invent() if wants else None
        for n in self.nats.values():
            n["private"] = next_free(n["subnet"])
            n["public"] = ipaddress.ip_address(n["eip"]) if n["eip"] else None

    # --- helpers -----------------------------------------------------------
    def vpc_of_instance(self, name):
        return self.subnets[self.instances[name]["subnet"]]["vpc"]

    def igw_of_vpc(self, vpc):
        return next((g for g, v in self.igw_vpc.items() if v == vpc), None)

    def peer_cidrs(self, value):
        """A rule's peer -> list of networks."""
        v = str(value)
        if v in ("internet", "anywhere"):
            return [net("0.0.0.0/0")]
        if v in self.outside:
            return [self.outside[v]]
        if v in self.groups:
            return [net(str(i["private"]) + "/32") for i in self.instances.values()
                    if i["groups"] and v in i["groups"] and i["private"]]
        return [net(v)]

    def route_destination(self, to):
        to = str(to)
        if to == "internet":
            return net("0.0.0.0/0")
        if to in self.outside:
            return self.outside[to]
        return net(to)

    def rule_ports(self):
        ports = set()
        rules = []
        for g in self.groups.values():
            rules += g["inbound"] + (g["outbound"] or [])
        for a in self.acls.values():
            rules += a["inbound"] + a["outbound"]
        for r in rules:
            if isinstance(r, dict):
                _, pr = parse_proto(r)
                if pr and pr[0] == pr[1]:
                    ports.add(pr[0])
        chosen = [p for p in TEST_PORTS if p in ports]
        return chosen or list(TEST_PORTS)

    def check_subset(self):
        for tname, t in self.route_tables.items():
            vpc = t["vpc"]
            for r in t["routes"]:
                via = str(r.get("via"))
                dest = self.route_destination(r.get("to"))
                if vpc and dest != self.vpcs[vpc]["cidr"] and dest.subnet_of(self.vpcs[vpc]["cidr"]):
                    raise Unsupported("route %s inside the VPC CIDR (table %s)" % (dest, tname))
                if via in self.igw_vpc or via in self.nats:
                    continue
                if via in self.instances:
                    raise Unsupported("route via an instance (NAT instance) in table %s" % tname)
                if via in self.outside:
                    raise Unsupported("route via an outside host (VPN) in table %s" % tname)
        for n, i in self.instances.items():
            if i["private"] is None:
                raise Unsupported("instance %s has no private address" % n)


# --------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------

def run(cmd, stdin=None, check=True):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=30)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr.strip()))
    return p


_libc = ctypes.CDLL("libc.so.6", use_errno=True)
CLONE_NEWNET = 0x40000000


class NetnsSwitch:
    """Switch the calling thread's network namespace (sockets made inside stay there)."""

    def __init__(self):
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY)

    def enter(self, ns):
        fd = os.open("/run/netns/" + ns, os.O_RDONLY)
        try:
            if _libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns " + ns)
        finally:
            os.close(fd)

    def leave(self):
        if _libc.setns(self.home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns home")


class Lab:
    """The namespace model of one topology."""

    def __init__(self, topo, tag):
        self.t = topo
        self.tag = tag
        self.created = []
        self.ns_of = {}         # endpoint name -> namespace
        self.addr_of = {}       # endpoint name -> source address to bind (outside hosts, internet)

    def ns(self, short):
        name = "ilx%s-%s" % (self.tag, short)
        run(["ip", "netns", "add", name])
        self.created.append(name)
        for key, val in (("net.ipv4.conf.all.rp_filter", "0"), ("net.ipv4.conf.default.rp_filter", "0"),
                         ("net.ipv4.ip_forward", "1"), ("net.ipv4.conf.all.send_redirects", "0"),
                         ("net.ipv4.conf.default.send_redirects", "0")):
            run(["ip", "netns", "exec", name, "sysctl", "-q", "-w", "%s=%s" % (key, val)])
        run(["ip", "-n", name, "link", "set", "lo", "up"])
        return name

    def cleanup(self):
        for name in reversed(self.created):
            run(["ip", "netns", "del", name], check=False)
        self.created = []

    def iptables(self, ns, text):
        run(["ip", "netns", "exec", ns, "iptables-restore"], stdin=text)

    def build(self, client_ip):
        t = self.t
        vpcs = list(t.vpcs)
        subnets = list(t.subnets)
        sidx = {s: k for k, s in enumerate(subnets)}
        inet = self.ns("inet")
        self.ns_of["internet"] = inet
        self.addr_of["internet"] = client_ip
        run(["ip", "-n", inet, "addr", "add", client_ip + "/32", "dev", "lo"])
        for name, c in t.outside.items():
            a = c.network_address if c.prefixlen >= 31 else c.network_address + 1
            self.ns_of[name] = inet
            self.addr_of[name] = str(a)
            run(["ip", "-n", inet, "addr", "add", "%s/32" % a, "dev", "lo"])
        # private sources never cross the internet
        raw = "*raw\n" + "".join("-A PREROUTING -s %s -j DROP\n" % n for n in PRIVATE_NETS) + "COMMIT\n"
        self.iptables(inet, raw)

        for v, vname in enumerate(vpcs):
            router = self.ns("r%d" % v)
            run(["ip", "netns", "exec", router, "sh", "-c",
                 "[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] && sysctl -q -w net.bridge.bridge-nf-call-iptables=0 || true"])
            my_subnets = [s for s in subnets if t.subnets[s]["vpc"] == vname]
            for s in my_subnets:
                c = t.subnets[s]["cidr"]
                br = "bs%d" % sidx[s]
                run(["ip", "-n", router, "link", "add", br, "type", "bridge"])
                run(["ip", "-n", router, "addr", "add", "%s/%d" % (c.network_address + 1, c.prefixlen), "dev", br])
                run(["ip", "-n", router, "link", "set", br, "up"])
            igw = t.igw_of_vpc(vname)
            link_r, link_i = "100.64.%d.1" % v, "100.64.%d.2" % v
            if igw:
                run(["ip", "-n", router, "link", "add", "igw", "type", "veth", "peer", "name", "v%d" % v, "netns", inet])
                run(["ip", "-n", router, "addr", "add", link_r + "/30", "dev", "igw"])
                run(["ip", "-n", inet, "addr", "add", link_i + "/30", "dev", "v%d" % v])
                run(["ip", "-n", router, "link", "set", "igw", "up"])
                run(["ip", "-n", inet, "link", "set", "v%d" % v, "up"])

            # endpoints: instances and NAT gateways, each on its subnet's bridge
            def attach(ns, short, subnet, ip):
                c = t.subnets[subnet]["cidr"]
                run(["ip", "-n", router, "link", "add", short, "type", "veth", "peer", "name", "eth0", "netns", ns])
                run(["ip", "-n", router, "link", "set", short, "master", "bs%d" % sidx[subnet], "up"])
                run(["ip", "-n", ns, "addr", "add", "%s/%d" % (ip, c.prefixlen), "dev", "eth0"])
                run(["ip", "-n", ns, "link", "set", "eth0", "up"])
                run(["ip", "-n", ns, "route", "add", "default", "via", str(c.network_address + 1)])

            public_map = []  # (private, public)
            for k, (iname, inst) in enumerate(t.instances.items()):
                if t.subnets[inst["subnet"]]["vpc"] != vname:
                    continue
                ns = self.ns("i%d" % k)
                self.ns_of[iname] = ns
                attach(ns, "vi%d" % k, inst["subnet"], inst["private"])
                self.iptables(ns, self.security_group_rules(iname))
                if inst["public"]:
                    public_map.append((inst["private"], inst["public"]))
            for k, (nname, nat) in enumerate(t.nats.items()):
                if t.subnets[nat["subnet"]]["vpc"] != vname or nat["private"] is None:
                    continue
                ns = self.ns("n%d" % k)
                attach(ns, "vn%d" % k, nat["subnet"], nat["private"])
                self.iptables(ns, "*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m conntrack --ctstate INVALID -j DROP\nCOMMIT\n"
                                  "*nat\n:POSTROUTING ACCEPT [0:0]\n"
                                  "-A POSTROUTING -o eth0 -p tcp ! -s %s -j MASQUERADE --to-ports 1024-65535 --random-fully\n"
                                  "-A POSTROUTING -o eth0 -p udp ! -s %s -j MASQUERADE --to-ports 1024-65535 --random-fully\n"
                                  "-A POSTROUTING -o eth0 ! -s %s -j MASQUERADE\nCOMMIT\n"
                                  % (nat["private"], nat["private"], nat["private"]))
                if nat["public"]:
                    public_map.append((nat["private"], nat["public"]))

            # route tables: policy routing keyed by the source subnet's bridge
            for s in my_subnets:
                table = str(100 + sidx[s])
                for s2 in my_subnets:  # the local route, one device route per subnet
                    run(["ip", "-n", router, "route", "add", str(t.subnets[s2]["cidr"]), "dev", "bs%d" % sidx[s2], "table", table])
                run(["ip", "-n", router, "route", "add", "unreachable", str(t.vpcs[vname]["cidr"]), "table", table])
                tname = t.subnet_table[s]
                for r in (t.route_tables[tname]["routes"] if tname else []):
                    dest = t.route_destination(r.get("to"))
                    if dest == t.vpcs[vname]["cidr"]:
                        continue  # the local route wins
                    via = str(r.get("via"))
                    if via in t.igw_vpc and t.igw_vpc[via] == vname:
                        cmd = [str(dest), "via", link_i, "dev", "igw"]
                    elif via in t.igw_vpc or via not in t.nats:
                        cmd = ["blackhole", str(dest)]
                    else:
                        nat = t.nats[via]
                        if t.subnets[nat["subnet"]]["vpc"] != vname or nat["private"] is None:
                            cmd = ["blackhole", str(dest)]
                        else:
                            cmd = [str(dest), "via", str(nat["private"]), "dev", "bs%d" % sidx[nat["subnet"]]]
                    run(["ip", "-n", router, "route", "replace"] + cmd + ["table", table])
                run(["ip", "-n", router, "rule", "add", "iif", "bs%d" % sidx[s], "lookup", table, "pref", "1000"])

            # the IGW's 1:1 NAT, and the internet's routes to the public addresses
            nat_rules = ""
            if igw:
                for priv, pub in public_map:
                    nat_rules += "-A PREROUTING -i igw -d %s -j DNAT --to-destination %s\n" % (pub, priv)
                    nat_rules += "-A POSTROUTING -o igw -s %s -j SNAT --to-source %s\n" % (priv, pub)
                    run(["ip", "-n", inet, "route", "replace", "%s/32" % pub, "via", link_r, "dev", "v%d" % v])
            # network ACLs: stateless FORWARD rules per subnet interface
            flt = "*filter\n:FORWARD ACCEPT [0:0]\n"
            chains = ""
            for s in my_subnets:
                br = "bs%d" % sidx[s]
                flt += "-A FORWARD -i %s -o %s -j ACCEPT\n" % (br, br)  # within one subnet: no NACL
            for s in my_subnets:
                acl = t.subnet_acl[s]
                if acl is None:
                    continue
                br = "bs%d" % sidx[s]
                chains += ":nout%d - [0:0]\n:nin%d - [0:0]\n" % (sidx[s], sidx[s])
                flt += "-A FORWARD -i %s -j nout%d\n" % (br, sidx[s])
                flt += "-A FORWARD -o %s -j nin%d\n" % (br, sidx[s])
                for direction, chain, flag in (("outbound", "nout%d" % sidx[s], "-d"), ("inbound", "nin%d" % sidx[s], "-s")):
                    rules = [r for r in t.acls[acl][direction] if isinstance(r, dict)]
                    rules = sorted(enumerate(rules), key=lambda p: (int(p[1]["rule"]), p[0]))
                    for _, r in rules:
                        proto, ports = parse_proto(r)
                        peer = r.get("cidr") or r.get("from" if direction == "inbound" else "to") or "0.0.0.0/0"
                        target = "RETURN" if str(r["action"]).lower() == "allow" else "DROP"
                        for cidr in t.peer_cidrs(peer):
                            flt += self.match(chain, proto, ports, flag, cidr) + " -j %s\n" % target
                    flt += "-A %s -j DROP\n" % chain
            flt = flt.replace(":FORWARD ACCEPT [0:0]\n", ":FORWARD ACCEPT [0:0]\n" + chains, 1) + "COMMIT\n"
            self.iptables(router, flt + "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n" + nat_rules + "COMMIT\n")

    @staticmethod
    def match(chain, proto, ports, flag, cidr):
        m = "-A %s" % chain
        if proto != "all":
            m += " -p %s" % proto
            if ports and proto in ("tcp", "udp"):
                m += " --dport %d:%d" % ports
        if cidr.prefixlen:
            m += " %s %s" % (flag, cidr)
        return m

    def security_group_rules(self, iname):
        t = self.t
        inst = t.instances[iname]
        out = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT DROP [0:0]\n"
        out += "-A INPUT -i lo -j ACCEPT\n-A OUTPUT -o lo -j ACCEPT\n"
        out += "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
        out += "-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
        if inst["groups"] is None:  # the VPC's default group
            vpc = t.vpc_of_instance(iname)
            for m in t.instances.values():
                if m["groups"] is None and t.subnets[m["subnet"]]["vpc"] == vpc:
                    out += "-A INPUT -s %s/32 -j ACCEPT\n" % m["private"]
            out += "-A OUTPUT -j ACCEPT\n"
            return out + "COMMIT\n"
        for g in inst["groups"]:
            group = t.groups.get(g)
            if group is None:
                raise Unsupported("unknown security group %s" % g)
            for r in group["inbound"]:
                proto, ports = parse_proto(r)
                peer = r.get("from") or r.get("cidr")
                for cidr in t.peer_cidrs(peer):
                    out += self.match("INPUT", proto, ports, "-s", cidr) + " -j ACCEPT\n"
            if group["outbound"] is None:
                out += "-A OUTPUT -j ACCEPT\n"
            else:
                for r in group["outbound"]:
                    proto, ports = parse_proto(r)
                    peer = r.get("to") or r.get("cidr")
                    for cidr in t.peer_cidrs(peer):
                        out += self.match("OUTPUT", proto, ports, "-d", cidr) + " -j ACCEPT\n"
        return out + "COMMIT\n"


# --------------------------------------------------------------------------
# Flows
# --------------------------------------------------------------------------

def dial_address(t, src, dst):
    """Which address of dst a source dials (infralab's `--address auto`)."""
    if dst == "internet":
        return None  # the client address, filled in by the caller
    inst = t.instances[dst]
    if src in t.instances and t.vpc_of_instance(src) == t.vpc_of_instance(dst):
        return str(inst["private"])
    if inst["public"]:
        return str(inst["public"])
    if src in t.instances and inst["private"] in t.vpcs[t.vpc_of_instance(src)]["cidr"]:
        return "COLLIDES"  # another VPC's private address inside the source's own VPC: not dialable
    return str(inst["private"])  # no public address: the internet has no route to it


def linux_flows(lab, flows, switch):
    """flows: list of (src, dst, port, dial_ip). Returns {index: (reachable, detail)}."""
    listeners = []
    results = {}
    try:
        for ns in sorted({lab.ns_of[f[1]] for f in flows}):
            switch.enter(ns)
            try:
                for port in sorted({f[2] for f in flows if lab.ns_of[f[1]] == ns}):
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(("0.0.0.0", port))
                    s.listen(4096)
                    s.setblocking(False)
                    listeners.append(s)
            finally:
                switch.leave()
        pending = {}
        for k, (src, dst, port, ip) in enumerate(flows):
            if ip == "COLLIDES":
                results[k] = (False, "no dialable address")
                continue
            switch.enter(lab.ns_of[src])
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                if src in lab.addr_of:
                    s.bind((lab.addr_of[src], 0))
                err = s.connect_ex((ip, port))
            finally:
                switch.leave()
            if err in (0, errno.EINPROGRESS):
                pending[s] = k
            else:
                results[k] = (False, errno.errorcode.get(err, str(err)))
                s.close()
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while pending and time.monotonic() < deadline:
            _, writable, _ = select.select(listeners, list(pending), [], max(0.0, deadline - time.monotonic()))
            for ls in listeners:  # drain accepted connections
                try:
                    while True:
                        c, _ = ls.accept()
                        c.close()
                except (BlockingIOError, OSError):
                    pass
            for s in writable:
                k = pending.pop(s)
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                results[k] = (err == 0, "connected" if err == 0 else errno.errorcode.get(err, str(err)))
                s.close()
        for s, k in pending.items():
            results[k] = (False, "timeout")
            s.close()
    finally:
        for s in listeners:
            s.close()
    return results


def infralab_probe(binary, path, src, dst, port):
    p = subprocess.run([binary, "probe", path, "--from", src, "--to", dst, "--port", str(port), "--json"],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        return {"error": p.stderr.strip()[:200] or "exit %d" % p.returncode}
    return json.loads(p.stdout)


def choose_client(t):
    written = list(t.outside.values())
    for g in t.groups.values():
        for r in g["inbound"] + (g["outbound"] or []):
            peer = str(r.get("from") or r.get("to") or r.get("cidr") or "")
            try:
                written += [c for c in t.peer_cidrs(peer) if c.prefixlen]
            except ValueError:
                pass
    for a in t.acls.values():
        for r in a["inbound"] + a["outbound"]:
            try:
                written += [c for c in t.peer_cidrs(r.get("cidr") or r.get("from") or r.get("to") or "0.0.0.0/0") if c.prefixlen]
            except ValueError:
                pass
    used = {i["public"] for i in t.instances.values()} | {n["public"] for n in t.nats.values()}
    for cand in CLIENT_CANDIDATES:
        a = ipaddress.ip_address(cand)
        if a not in used and not any(a in c for c in written):
            return cand
    return CLIENT_CANDIDATES[0]


def compare_file(path, args, switch, tag):
    """Returns a dict: status, rows, skipped flows, reason."""
    binary = args.infralab
    v = subprocess.run([binary, "validate", path, "--json"], capture_output=True, text=True, timeout=60)
    try:
        vj = json.loads(v.stdout)
    except ValueError:
        return {"file": path, "status": "skipped", "reason": "infralab validate failed: " + v.stderr.strip()[:100]}
    if not vj.get("valid"):
        codes = sorted({d["code"] for d in vj["diagnostics"] if d["severity"] == "error"})
        return {"file": path, "status": "skipped", "reason": "invalid topology (%s)" % ", ".join(codes)}
    try:
        with open(path, encoding="utf-8") as f:
            t = Topology(load_yaml(f.read()))
        t.check_subset()
    except Unsupported as e:
        return {"file": path, "status": "skipped", "reason": "outside the subset: %s" % e}
    except (YAMLError, KeyError, ValueError, IndexError) as e:
        return {"file": path, "status": "skipped", "reason": "the tool cannot read it: %r" % e}

    ports = t.rule_ports()
    sources = ["internet"] + list(t.outside) + list(t.instances)
    flows = []
    for src in sources:
        for dst in t.instances:
            if dst != src:
                for port in ports:
                    flows.append((src, dst, port))
    if not args.no_egress:  # extra: instance -> internet (exercises routes, NAT gateways)
        for src in t.instances:
            for port in ports:
                flows.append((src, "internet", port))

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        verdicts = list(pool.map(lambda f: infralab_probe(binary, path, *f), flows))

    notes = []
    if t.forwards_present:
        notes.append("reverse-proxy `forwards` ignored (they only matter with --through, never probed)")
    # cross-check our addressing with infralab's hop texts
    for (src, dst, port), vd in zip(flows, verdicts):
        for h in vd.get("hops", []):
            d = h.get("detail", "")
            if d.startswith("starts at ") and src in t.instances:
                ip = d.split()[2]
                if ip != str(t.instances[src]["private"]):
                    notes.append("ADDRESS MISMATCH: %s private %s (infralab) vs %s (model)" % (src, ip, t.instances[src]["private"]))
            if d.startswith("translates %s's public address" % dst):
                pub = d.split()[4]
                if pub != str(t.instances[dst]["public"]):
                    notes.append("ADDRESS MISMATCH: %s public %s (infralab) vs %s (model)" % (dst, pub, t.instances[dst]["public"]))
    if any(n.startswith("ADDRESS MISMATCH") for n in notes):
        return {"file": path, "status": "skipped", "reason": "address model differs from infralab: " + "; ".join(sorted(set(notes)))}

    client = choose_client(t)
    lab = Lab(t, tag)
    try:
        lab.build(client)
        dial = []
        for src, dst, port in flows:
            ip = client if dst == "internet" else dial_address(t, src, dst)
            dial.append((src, dst, port, ip))
        linux = linux_flows(lab, dial, switch)
    finally:
        lab.cleanup()

    rows, skipped = [], []
    for k, ((src, dst, port), vd) in enumerate(zip(flows, verdicts)):
        flow = "%s -> %s:%d" % (src, dst, port)
        if "error" in vd:
            skipped.append((flow, "infralab error: " + vd["error"]))
            continue
        code = vd["reason"]["code"]
        if vd.get("partial"):
            skipped.append((flow, "NACL partial result (%s, missing %s)" % (code, ",".join(vd.get("missingClientPorts", [])))))
            continue
        lx, detail = linux[k]
        rows.append({"flow": flow, "infralab": vd["reachable"], "code": code, "linux": lx, "detail": detail,
                     "dial": dial[k][3], "agree": lx == vd["reachable"]})
    return {"file": path, "status": "compared", "rows": rows, "skipped": skipped, "notes": notes,
            "client": client, "ports": ports}


def print_file(res, verbose):
    print("=" * 100)
    print(res["file"])
    if res["status"] != "compared":
        print("  SKIPPED: " + res["reason"])
        return
    print("  ports %s, internet client %s" % (res["ports"], res["client"]))
    for n in sorted(set(res["notes"])):
        print("  note: " + n)
    for r in res["rows"]:
        if verbose or not r["agree"]:
            print("  %-40s infralab %-5s %-28s linux %-5s %-14s %s" % (
                r["flow"], "yes" if r["infralab"] else "no", "(%s)" % r["code"], "yes" if r["linux"] else "no",
                "(%s)" % r["detail"], "agree" if r["agree"] else "DISAGREE"))
    for flow, why in res["skipped"]:
        if verbose:
            print("  %-40s skipped: %s" % (flow, why))
    agree = sum(r["agree"] for r in res["rows"])
    print("  flows %d, agree %d, DISAGREE %d, skipped %d" % (len(res["rows"]), agree, len(res["rows"]) - agree, len(res["skipped"])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="topology files")
    ap.add_argument("--infralab", default=".build/debug/infralab", help="the infralab binary")
    ap.add_argument("--jobs", type=int, default=4, help="parallel infralab probes")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every flow, not only disagreements")
    ap.add_argument("--no-egress", action="store_true", help="skip the extra instance -> internet flows")
    ap.add_argument("--json", help="also write all results to this file")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root (network namespaces)")
    for tool in ("ip", "iptables-restore"):
        if subprocess.run(["sh", "-c", "command -v " + tool], capture_output=True).returncode:
            sys.exit("missing %s: apt-get install -y iproute2 iptables" % tool)

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)

    switch = NetnsSwitch()
    results = []
    totals = {"files": 0, "compared_files": 0, "skipped_files": 0, "flows": 0, "agree": 0, "disagree": 0, "skipped_flows": 0}
    tag = str(os.getpid() % 100000)
    for path in args.files:
        res = compare_file(path, args, switch, tag)
        results.append(res)
        print_file(res, args.verbose)
        sys.stdout.flush()
        totals["files"] += 1
        if res["status"] == "compared":
            totals["compared_files"] += 1
            totals["flows"] += len(res["rows"])
            totals["agree"] += sum(r["agree"] for r in res["rows"])
            totals["disagree"] += sum(not r["agree"] for r in res["rows"])
            totals["skipped_flows"] += len(res["skipped"])
        else:
            totals["skipped_files"] += 1
    print("=" * 100)
    print("TOTAL files %(files)d (compared %(compared_files)d, skipped %(skipped_files)d); flows compared %(flows)d, "
          "agree %(agree)d, DISAGREE %(disagree)d, flows skipped %(skipped_flows)d" % totals)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"totals": totals, "results": results}, f, indent=1, default=str)
    sys.exit(1 if totals["disagree"] else 0)


if __name__ == "__main__":
    main()
