// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for Linux-VServer's reboot commands: what the helper is
 * told, and which commands end a guest.
 */

#include <kunit/test.h>

struct vs_reboot_case {
	unsigned int cmd;
	const char *action;
	bool ends_guest;
};

static const struct vs_reboot_case vs_reboot_cases[] = {
	{ LINUX_REBOOT_CMD_RESTART, "restart", true },
	{ LINUX_REBOOT_CMD_RESTART2, "restart", true },
	{ LINUX_REBOOT_CMD_HALT, "halt", true },
	{ LINUX_REBOOT_CMD_POWER_OFF, "poweroff", true },
	{ LINUX_REBOOT_CMD_SW_SUSPEND, "swsusp", false },
	{ LINUX_REBOOT_CMD_CAD_ON, NULL, true },
	{ LINUX_REBOOT_CMD_KEXEC, NULL, true },
	{ 0x12345678, NULL, true },
};

static void vs_test_reboot_action(struct kunit *test)
{
	const struct vs_reboot_case *c;

	for (c = vs_reboot_cases;
	     c < vs_reboot_cases + ARRAY_SIZE(vs_reboot_cases); c++) {
		const char *action = vs_reboot_action(c->cmd);

		if (c->action)
			KUNIT_EXPECT_STREQ(test, action, c->action);
		else
			KUNIT_EXPECT_NULL(test, action);
		KUNIT_EXPECT_EQ(test, vs_reboot_ends_guest(c->cmd),
				c->ends_guest);
	}
}

static struct kunit_case vs_helper_cases[] = {
	/* clang-format off */
	KUNIT_CASE(vs_test_reboot_action),
	{}
	/* clang-format on */
};

static struct kunit_suite vs_helper_suite = {
	.name = "vserver_helper",
	.test_cases = vs_helper_cases,
};

kunit_test_suite(vs_helper_suite);
