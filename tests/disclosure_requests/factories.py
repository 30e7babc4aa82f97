"""Applications for the tests: through handling.submit, as the form and the admin make them."""

from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import ApplicantType, Delivery, IdType, ProvisionForm


def application_fields(unit, **fields):
    return {
        "unit": unit,
        "applicant_type": ApplicantType.PERSON,
        "name": "王小明",
        "id_type": IdType.RESIDENT_ID,
        "id_number": "11010519491231002X",
        "phone": "13900001111",
        "address": "示范县青禾镇幸福路8号",
        "email": "",
        "description": "2025年青禾镇农村道路硬化工程的招标文件和验收报告。",
        "provision_form": ProvisionForm.ELECTRONIC,
        "delivery": Delivery.EMAIL,
        **fields,
    }


def make_application(unit, *, now=None, channel="online", **fields):
    application, password = handling.submit(application_fields(unit, **fields), channel=channel, now=now)
    return application
