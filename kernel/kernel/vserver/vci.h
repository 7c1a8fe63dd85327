/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux-VServer - VCI kernel configuration bits this kernel really has
 */

#ifndef _VSERVER_VCI_H
#define _VSERVER_VCI_H

#include <linux/bits.h>
#include <uapi/vserver/switch.h>

/*
 * Each bit is added by the change that implements the feature, so that
 * util-vserver never takes a code path this kernel cannot serve.
 */
#define VS_VCI_KERNEL_CONFIG                                 \
	(BIT(VCI_KCBIT_NO_DYNAMIC) | BIT(VCI_KCBIT_SPACES) | \
	 BIT(VCI_KCBIT_NETV2) | BIT(VCI_KCBIT_PPTAG) |       \
	 (VCI_TAGGED_INTERN << VCI_KCBIT_TAGGED))

#endif /* _VSERVER_VCI_H */
