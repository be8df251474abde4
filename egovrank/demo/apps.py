from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Sample data, never production data: the Hưng Yên demo (``seed_demo``) and the
    synthetic national-scale data the benchmarks use (``generate_national_data``)."""

    name = "egovrank.demo"
    verbose_name = _("Demo")
