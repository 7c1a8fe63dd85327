/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - command handlers, as listed in the switch's table
 */

#ifndef _VSERVER_CMDS_H
#define _VSERVER_CMDS_H

#include "switch.h"

/* context_cmd.c */
long vc_ctx_create_v0(const struct vs_call *call);
long vc_ctx_create(const struct vs_call *call);
long vc_ctx_migrate_v0(const struct vs_call *call);
long vc_ctx_migrate(const struct vs_call *call);
long vc_ctx_migrate_spectator(const struct vs_call *call);
long vc_task_xid(const struct vs_call *call);
long vc_vx_info(const struct vs_call *call);
long vc_ctx_stat(const struct vs_call *call);
long vc_get_cflags(const struct vs_call *call);
long vc_set_cflags(const struct vs_call *call);
long vc_get_ccaps(const struct vs_call *call);
long vc_set_ccaps(const struct vs_call *call);
long vc_get_bcaps(const struct vs_call *call);
long vc_set_bcaps(const struct vs_call *call);
long vc_get_umask(const struct vs_call *call);
long vc_set_umask(const struct vs_call *call);
long vc_get_wmask(const struct vs_call *call);
long vc_set_wmask(const struct vs_call *call);

/* tag_cmd.c */
long vc_tag_migrate(const struct vs_call *call);
long vc_task_tag(const struct vs_call *call);

/* dlimit.c */
long vc_add_dlimit(const struct vs_call *call);
long vc_rem_dlimit(const struct vs_call *call);
long vc_set_dlimit(const struct vs_call *call);
long vc_get_dlimit(const struct vs_call *call);

/* inode_cmd.c */
long vc_get_iattr(const struct vs_call *call);
long vc_set_iattr(const struct vs_call *call);
long vc_fget_iattr(const struct vs_call *call);
long vc_fset_iattr(const struct vs_call *call);

/* cvirt.c */
long vc_set_vhi_name(const struct vs_call *call);
long vc_get_vhi_name(const struct vs_call *call);
long vc_virt_stat(const struct vs_call *call);

/* space_cmd.c */
long vc_enter_space_v0(const struct vs_call *call);
long vc_enter_space_v1(const struct vs_call *call);
long vc_enter_space(const struct vs_call *call);
long vc_set_space_v1(const struct vs_call *call);
long vc_set_space(const struct vs_call *call);
long vc_get_space_mask(const struct vs_call *call);
long vc_get_space_default(const struct vs_call *call);

/* limit_cmd.c */
long vc_get_rlimit(const struct vs_call *call);
long vc_set_rlimit(const struct vs_call *call);
long vc_get_rlimit_mask(const struct vs_call *call);
long vc_rlimit_stat(const struct vs_call *call);
long vc_reset_hits(const struct vs_call *call);
long vc_reset_minmax(const struct vs_call *call);

/* network_cmd.c */
long vc_net_create_v0(const struct vs_call *call);
long vc_net_create(const struct vs_call *call);
long vc_net_migrate(const struct vs_call *call);
long vc_net_migrate_spectator(const struct vs_call *call);
long vc_task_nid(const struct vs_call *call);
long vc_nx_info(const struct vs_call *call);
long vc_get_nflags(const struct vs_call *call);
long vc_set_nflags(const struct vs_call *call);
long vc_get_ncaps(const struct vs_call *call);
long vc_set_ncaps(const struct vs_call *call);
long vc_net_add(const struct vs_call *call);
long vc_net_remove(const struct vs_call *call);
long vc_net_add_ipv4_v1(const struct vs_call *call);
long vc_net_rem_ipv4_v1(const struct vs_call *call);
long vc_net_add_ipv4(const struct vs_call *call);
long vc_net_rem_ipv4(const struct vs_call *call);

/* signal_cmd.c */
long vc_ctx_kill(const struct vs_call *call);
long vc_wait_exit(const struct vs_call *call);

#endif /* _VSERVER_CMDS_H */
